import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { zodOpenApiTransform } from './zod-openapi-transform.js';

/** Either scheme authenticates a request; routes list both (OpenAPI: alternatives = OR). */
export const adminSecurity: { [scheme: string]: string[] }[] = [{ apiKey: [] }, { bearerAuth: [] }];

/**
 * The OpenAPI 3.1 document (generated from the routes' zod schemas) at `/openapi.json` and
 * Swagger UI at `/docs`. `schemas` are extra components: each connector's settings and
 * credentials schema (`asperion.target.settings`, ...). Must be registered before the routes.
 */
export async function registerOpenApiDocs(
  app: FastifyInstance,
  schemas: Record<string, Record<string, unknown>> = {},
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Koppel admin API',
        version: '1.0.0',
        description:
          'Manage connections between webshops and bookkeeping systems and follow each order through the pipeline.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      tags: [
        { name: 'connections', description: 'Webshop-to-bookkeeping links with sealed credentials' },
        { name: 'orders', description: 'The journey of one order through the pipeline' },
        {
          name: 'systems',
          description:
            'The webshops and bookkeeping systems Koppel has connectors for; their settings and ' +
            'credentials schemas are also the components `<system>.<source|target>.<settings|credentials>`',
        },
        { name: 'polling', description: 'The cursor of connections whose shop Koppel polls' },
        {
          name: 'dead letters',
          description: 'Orders a stage gave up on, with the reason; replay them after the fix',
        },
      ],
      components: {
        schemas,
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'The same API key as a bearer token' },
        },
      },
    },
    transform: zodOpenApiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
