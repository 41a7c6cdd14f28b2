import type { AnySourceConnector, CursorReset, PollCapability } from '@koppel/connector-sdk';
import type { ConnectionRepository, PollScheduleRepository } from '@koppel/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AdminConnectors, findSource } from '../connectors/admin-connectors.js';
import { toCursorState } from '../domain/cursor-state.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import { cursorResetBodySchema, cursorStateSchema } from '../schemas/cursor-schemas.js';
import { notFoundResponse, problemResponses, unprocessableResponse } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type CursorRouteDeps = {
  connections: ConnectionRepository;
  schedules: PollScheduleRepository;
  connectors: AdminConnectors;
};

const common = { tags: ['polling'], security: adminSecurity, params: connectionParamsSchema };

/** Where a polled connection's import stands, and an operator's reset of it. */
export async function registerCursorRoutes(app: FastifyInstance, deps: CursorRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  /** The connection's poller and schedule; 404 when the connection is not polled. */
  const polled = async (request: FastifyRequest, id: string) => {
    const connection = await findVisibleConnection(deps.connections, request, id);
    const source: AnySourceConnector | undefined = findSource(deps.connectors, connection.sourceSystem);
    const schedule = source?.poller ? await deps.schedules.find(id) : undefined;
    if (!source?.poller || !schedule) throw adminErrors.notPolled(id);
    return { poller: source.poller, schedule };
  };
  const describe = (poller: PollCapability<unknown>) => (cursor: string) => poller.describeCursor(cursor);

  routes.get(
    '/connections/:id/cursor',
    {
      schema: {
        ...common,
        summary: 'Show where polling stands: the cursor in plain words, next and last poll, failures',
        response: { 200: cursorStateSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { poller, schedule } = await polled(request, request.params.id);
      return toCursorState(schedule, describe(poller));
    },
  );

  routes.put(
    '/connections/:id/cursor',
    {
      schema: {
        ...common,
        summary: 'Move the cursor to an order number or a moment; the connection is polled at once',
        body: cursorResetBodySchema,
        response: {
          200: cursorStateSchema,
          ...problemResponses,
          ...notFoundResponse,
          ...unprocessableResponse,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { poller } = await polled(request, id);
      const body = request.body;
      const reset: CursorReset =
        'since' in body ? { since: new Date(body.since) } : { orderNumber: body.orderNumber };
      const field = 'since' in body ? 'body.since' : 'body.orderNumber';
      // A poll from a future moment would skip every order until then (and a far one, past the
      // year 9999 in the shop's time zone, would be a cursor no poll can read).
      if ('since' in reset && reset.since.getTime() > Date.now()) {
        throw adminErrors.cursorResetRefused(
          field,
          'since lies in the future: no order would be polled until then',
        );
      }
      let cursor: string;
      try {
        cursor = poller.cursorFor(reset);
      } catch (error) {
        // cursorFor is pure: whatever it throws is the source refusing this position.
        throw adminErrors.cursorResetRefused(field, error instanceof Error ? error.message : String(error));
      }
      const schedule = await deps.schedules.reset(id, cursor);
      if (!schedule) throw adminErrors.notPolled(id);
      request.log.info({ connectionId: id, cursor }, 'poll cursor reset');
      return toCursorState(schedule, describe(poller));
    },
  );

  routes.post(
    '/connections/:id/poll-now',
    {
      schema: {
        ...common,
        summary: 'Poll the connection at once instead of at its next due time',
        response: { 200: cursorStateSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { poller } = await polled(request, id);
      await deps.schedules.pollNow(id);
      const schedule = await deps.schedules.find(id);
      if (!schedule) throw adminErrors.notPolled(id);
      request.log.info({ connectionId: id }, 'poll requested');
      return toCursorState(schedule, describe(poller));
    },
  );
}
