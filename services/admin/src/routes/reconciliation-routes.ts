import type { ConnectionRepository, OrderSummaryRepository } from '@koppel/db';
import { POLLER_JOURNEY_ORDER_ID } from '@koppel/service-kit';
import type { FastifyInstance } from 'fastify';
import { buildReconciliation } from '../domain/reconciliation.js';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { connectionParamsSchema } from '../schemas/connection-schemas.js';
import { notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { reconciliationQuerySchema, reconciliationSchema } from '../schemas/reconciliation-schemas.js';
import { findVisibleConnection } from './tenant-scope.js';

export type ReconciliationRouteDeps = {
  connections: ConnectionRepository;
  summaries: OrderSummaryRepository;
};

/** Orders one report covers; a longer period answers `truncated` and the first ones. */
export const RECONCILIATION_MAX_ORDERS = 10_000;
const MAX_PERIOD_DAYS = 93;

/** The reconciliation report of a connection and period. */
export async function registerReconciliationRoutes(
  app: FastifyInstance,
  deps: ReconciliationRouteDeps,
): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/connections/:id/reconciliation',
    {
      schema: {
        tags: ['orders'],
        security: adminSecurity,
        summary: 'Reconcile a period: shop orders seen against documents booked, and every difference',
        params: connectionParamsSchema,
        querystring: reconciliationQuerySchema,
        response: { 200: reconciliationSchema, ...problemResponses, ...notFoundResponse },
      },
    },
    async (request) => {
      const { id } = request.params;
      await findVisibleConnection(deps.connections, request, id);
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      if (from >= to) throw adminErrors.invalidPeriod('query.to', '`to` must be after `from`');
      if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
        throw adminErrors.invalidPeriod('query.to', `a period covers at most ${MAX_PERIOD_DAYS} days`);
      }
      const [rows, foundInTarget, sharedDocuments] = await Promise.all([
        deps.summaries.listForReconciliation(id, from, to, RECONCILIATION_MAX_ORDERS + 1, [
          POLLER_JOURNEY_ORDER_ID,
        ]),
        deps.summaries.listFoundInTarget(id, from, to),
        deps.summaries.listSharedDocuments(id),
      ]);
      const truncated = rows.length > RECONCILIATION_MAX_ORDERS;
      const report = buildReconciliation(
        rows.slice(0, RECONCILIATION_MAX_ORDERS),
        foundInTarget.map((f) => ({ ...f, at: f.at.toISOString() })),
        sharedDocuments,
      );
      return { connectionId: id, from: from.toISOString(), to: to.toISOString(), truncated, ...report };
    },
  );
}
