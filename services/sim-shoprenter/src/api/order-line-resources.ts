import type { StoredOrder, StoredOrderLine, StoredOrderTotal } from '../domain/state.js';
import { renderOrderProduct, renderOrderTotal } from '../views/order-line-views.js';
import { type ApiContext, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import {
  assertAllowedParams,
  notFound,
  pagingParams,
  pathId,
  type Query,
  resourceIdParam,
} from './query-params.js';

type Row<T> = { order: StoredOrder; row: T };

/** Rows of every order, or of the one named by `orderId` (an order resource id). */
function rowsOf<T>(ctx: ApiContext, query: Query, pickRows: (o: StoredOrder) => T[]): Row<T>[] {
  assertAllowedParams(query, [...pagingParams, 'orderId']);
  const orderId = resourceIdParam(query, 'orderId', 'order');
  return ctx.store.state.orders
    .filter((o) => orderId === undefined || o.innerId === orderId)
    .sort((a, b) => a.innerId - b.innerId)
    .flatMap((order) => pickRows(order).map((row) => ({ order, row })));
}

function findRow<T>(
  ctx: ApiContext,
  innerId: number,
  path: string,
  pickRows: (o: StoredOrder) => T[],
  idOf: (t: T) => number,
) {
  for (const order of ctx.store.state.orders) {
    const row = pickRows(order).find((r) => idOf(r) === innerId);
    if (row) return { order, row };
  }
  throw notFound(path);
}

const lines = (o: StoredOrder): StoredOrderLine[] => o.lines;
const totals = (o: StoredOrder): StoredOrderTotal[] => o.totals;

/** `/orderProducts` and `/orderTotals` (read side), filtered by `orderId` (README.md). */
export const orderLineRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/orderProducts',
    handle: (req, _p, ctx) =>
      ok(
        renderCollection(
          rowsOf(ctx, req.query, lines),
          'orderProducts',
          req.query,
          ctx.view,
          ({ order, row }) => renderOrderProduct(order, row, ctx.view),
        ),
      ),
  },
  {
    method: 'GET',
    path: '/orderProducts/:id',
    handle: (req, [id = ''], ctx) => {
      const { order, row } = findRow(ctx, pathId('orderProduct', id), req.path, lines, (l) => l.lineId);
      return ok(renderOrderProduct(order, row, ctx.view));
    },
  },
  {
    method: 'GET',
    path: '/orderTotals',
    handle: (req, _p, ctx) =>
      ok(
        renderCollection(
          rowsOf(ctx, req.query, totals),
          'orderTotals',
          req.query,
          ctx.view,
          ({ order, row }) => renderOrderTotal(order, row, ctx.view),
        ),
      ),
  },
  {
    method: 'GET',
    path: '/orderTotals/:id',
    handle: (req, [id = ''], ctx) => {
      const { order, row } = findRow(ctx, pathId('orderTotal', id), req.path, totals, (t) => t.totalId);
      return ok(renderOrderTotal(order, row, ctx.view));
    },
  },
];
