import { encodeResourceId } from '../domain/resource-id.js';
import type { StoredHistory, StoredOrder } from '../domain/state.js';
import { type JsonObject, link, type ViewContext } from '../views/view-context.js';
import { type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { assertAllowedParams, notFound, pagingParams, pathId, resourceIdParam } from './query-params.js';

/**
 * `/orderHistories` (added 2025-08-06, sr-api-docs changelog): the read-only status-change log of
 * orders; fields `id, innerId, comment, dateAdded, order, orderStatus`, filter `orderId`
 * (README.md). `dateAdded` in the history form `2025-03-01 10:15:00`.
 */
type Row = { order: StoredOrder; entry: StoredHistory };

function renderHistory({ order, entry }: Row, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('orderHistory', entry.historyId);
  return {
    href: `${ctx.baseUrl}/orderHistories/${id}`,
    id,
    innerId: String(entry.historyId),
    comment: entry.comment,
    dateAdded: entry.dateAdded,
    order: link(ctx, 'orders', 'order', order.innerId),
    orderStatus: link(ctx, 'orderStatuses', 'orderStatus', entry.statusId),
  };
}

const rowsOf = (orders: readonly StoredOrder[]): Row[] =>
  orders.flatMap((order) => order.history.map((entry) => ({ order, entry })));

export const orderHistoryRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/orderHistories',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'orderId']);
      const orderId = resourceIdParam(req.query, 'orderId', 'order');
      const rows = rowsOf(
        ctx.store.state.orders.filter((o) => orderId === undefined || o.innerId === orderId),
      );
      rows.sort((a, b) => a.entry.historyId - b.entry.historyId);
      return ok(
        renderCollection(rows, 'orderHistories', req.query, ctx.view, (r) => renderHistory(r, ctx.view)),
      );
    },
  },
  {
    method: 'GET',
    path: '/orderHistories/:id',
    handle: (req, [id = ''], ctx) => {
      const historyId = pathId('orderHistory', id);
      const row = rowsOf(ctx.store.state.orders).find((r) => r.entry.historyId === historyId);
      if (!row) throw notFound(req.path);
      return ok(renderHistory(row, ctx.view));
    },
  },
];
