import type { ConnectionRepository, JourneyRepository } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import { toJourneyStatus } from '../domain/journey-status.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { journeyParamsSchema, journeySchema } from '../schemas/journey-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type JourneyRouteDeps = {
  connections: ConnectionRepository;
  journey: JourneyRepository;
};

/** The order journey: every stage one order passed, oldest first, and the status it leaves. */
export async function registerJourneyRoutes(app: FastifyInstance, deps: JourneyRouteDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/connections/:id/orders/:externalOrderId',
    {
      schema: {
        tags: ['orders'],
        security: adminSecurity,
        summary: 'Follow one order: each stage with when it happened and what it carried',
        params: journeyParamsSchema,
        response: { 200: journeySchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id, externalOrderId } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const entries = await deps.journey.list(id, externalOrderId);
      if (entries.length === 0) throw adminErrors.journeyNotFound(id, externalOrderId);
      return {
        connectionId: id,
        externalOrderId,
        // Only a duplicate webhook recorded: the order was received before.
        status: toJourneyStatus(entries.map((e) => e.stage)) ?? 'received',
        stages: entries.map((e) => ({ stage: e.stage, at: e.at.toISOString(), detail: e.detail })),
      };
    },
  );
}
