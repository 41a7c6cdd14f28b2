import type { ConnectionPauseRepository, ConnectionRepository } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import { pauseStateSchema } from '../schemas/pause-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type PauseRouteDeps = { connections: ConnectionRepository; pauses: ConnectionPauseRepository };

const common = {
  tags: ['connections'],
  security: adminSecurity,
  params: connectionParamsSchema,
  response: { 200: pauseStateSchema, ...problemResponses, ...notFoundResponse },
};

/**
 * Pause and resume: while paused, ingest still answers 2xx and records every order, mapping and
 * customer resolution go on, and the target runner parks the connection's deliveries before any
 * call to the target; resume makes them due at once, in order per order key.
 */
export async function registerPauseRoutes(app: FastifyInstance, deps: PauseRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const stateOf = async (connectionId: string) => {
    const [pausedSince, waitingDeliveries] = await Promise.all([
      deps.pauses.pausedSince(connectionId),
      deps.pauses.countWaiting(connectionId),
    ]);
    return {
      connectionId,
      paused: pausedSince !== null,
      pausedSince: pausedSince?.toISOString() ?? null,
      waitingDeliveries,
    };
  };

  routes.get(
    '/connections/:id/pause',
    { schema: { ...common, summary: 'Whether the connection is paused and how many deliveries wait' } },
    async (request) => {
      await findVisibleConnection(deps.connections, request, request.params.id);
      return stateOf(request.params.id);
    },
  );

  routes.post(
    '/connections/:id/pause',
    { schema: { ...common, summary: 'Pause booking: orders are still accepted and wait until resumed' } },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      await deps.pauses.pause(id);
      request.log.info({ connectionId: id }, 'connection paused');
      return stateOf(id);
    },
  );

  routes.post(
    '/connections/:id/resume',
    { schema: { ...common, summary: 'Resume booking: the waiting orders are booked now, in order' } },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const woken = await deps.pauses.resume(id);
      request.log.info({ connectionId: id, woken }, 'connection resumed');
      return { ...(await stateOf(id)), woken };
    },
  );
}
