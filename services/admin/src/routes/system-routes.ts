import type { FastifyInstance } from 'fastify';
import type { SystemsDescription } from '../connectors/describe-systems.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { problemResponses } from '../schemas/problem-schemas.js';
import { systemListSchema } from '../schemas/system-schemas.js';

/** The systems on offer: what a connection's `sourceSystem` / `targetSystem` may be, and their schemas. */
export async function registerSystemRoutes(app: FastifyInstance, systems: SystemsDescription): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/systems',
    {
      schema: {
        tags: ['systems'],
        security: adminSecurity,
        summary: 'List the source and target systems, their capabilities and settings/credentials schemas',
        response: { 200: systemListSchema, ...problemResponses },
      },
    },
    async () => systems,
  );
}
