import type {
  ConnectionRepository,
  DeadLetterRepository,
  DeliveryRecordRepository,
  JourneyRepository,
  OrderSummaryRepository,
} from '@koppel/db';
import { POLLER_JOURNEY_ORDER_ID } from '@koppel/service-kit';
import type { FastifyInstance } from 'fastify';
import { stagesWithStatus, toJourneyStatus } from '../domain/journey-status.js';
import { toOrderDetail } from '../domain/order-detail.js';
import { decodePageCursor, nextPageCursor } from '../domain/page-cursor.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import { journeyParamsSchema } from '../schemas/journey-schemas.js';
import { orderDetailSchema } from '../schemas/order-detail-schemas.js';
import { orderListQuerySchema, orderListSchema } from '../schemas/order-list-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type OrderListRouteDeps = {
  connections: ConnectionRepository;
  journey: JourneyRepository;
  summaries: OrderSummaryRepository;
  deadLetters: DeadLetterRepository;
  deliveries: DeliveryRecordRepository;
};

/** The activity log: a connection's orders (filtered, paged) and one order side by side. */
export async function registerOrderListRoutes(app: FastifyInstance, deps: OrderListRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/connections/:id/orders',
    {
      schema: {
        tags: ['orders'],
        security: adminSecurity,
        summary:
          'List the orders of a connection: filter by status, time and order number or e-mail; newest first',
        params: connectionParamsSchema,
        querystring: orderListQuerySchema,
        response: { 200: orderListSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const query = request.query;
      const beforeId = query.cursor === undefined ? undefined : decodePageCursor(query.cursor);
      if (query.cursor !== undefined && beforeId === undefined) throw adminErrors.invalidPageCursor();
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && from >= to) throw adminErrors.invalidPeriod('query.to', '`to` must be after `from`');
      const items = await deps.summaries.list({
        connectionId: id,
        statusStages: query.status ? stagesWithStatus(query.status) : undefined,
        receivedFrom: from,
        receivedBefore: to,
        search: query.q,
        beforeId,
        excludeExternalOrderIds: [POLLER_JOURNEY_ORDER_ID],
        limit: query.limit,
      });
      return {
        items: items.map((s) => ({
          externalOrderId: s.externalOrderId,
          orderNumber: s.orderNumber,
          customerEmail: s.customerEmail,
          status: toJourneyStatus(s.statusStage ? [s.statusStage] : []) ?? 'received',
          stage: s.statusStage,
          reason: s.statusReason,
          receivedAt: s.receivedAt.toISOString(),
          updatedAt: s.updatedAt.toISOString(),
          debtorId: s.debtorId,
          documentNumber: s.documentNumber,
          replays: s.replays,
        })),
        nextCursor: nextPageCursor(items, query.limit),
      };
    },
  );

  routes.get(
    '/connections/:id/orders/:externalOrderId/detail',
    {
      schema: {
        tags: ['orders'],
        security: adminSecurity,
        summary:
          'One order side by side: the payload from the shop, the request sent to the target, every attempt, the links',
        params: journeyParamsSchema,
        response: { 200: orderDetailSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id, externalOrderId } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const [journey, summary, ledger, deadLetters] = await Promise.all([
        deps.journey.list(id, externalOrderId),
        deps.summaries.find(id, externalOrderId),
        deps.deliveries.find(id, externalOrderId),
        deps.deadLetters.list({ connectionId: id, externalOrderId, limit: 100 }),
      ]);
      if (journey.length === 0) throw adminErrors.journeyNotFound(id, externalOrderId);
      return toOrderDetail({
        connectionId: id,
        externalOrderId,
        journey,
        summary,
        ledger,
        deadLetters: [...deadLetters].reverse(),
      });
    },
  );
}
