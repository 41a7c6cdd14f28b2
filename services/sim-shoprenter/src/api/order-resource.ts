import { assumptions } from '../domain/assumptions.js';
import { changeOrderStatus } from '../domain/order-commands.js';
import { findOrderStatus, stornoStatusIds } from '../domain/order-statuses.js';
import { decodeResourceId } from '../domain/resource-id.js';
import type { StoredOrder } from '../domain/state.js';
import { ShoprenterError } from '../errors.js';
import { renderOrder } from '../views/order-view.js';
import { type ApiContext, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import {
  assertAllowedParams,
  dateParam,
  datetimeParam,
  flagParam,
  intParam,
  notFound,
  pagingParams,
  type Query,
  pathId,
  resourceIdParam,
} from './query-params.js';
import { assertWritableFields, readWriteBody, toText } from './write-body.js';

const orderFilters = [
  ...pagingParams,
  'innerId',
  'innerIdMin',
  'orderStatusId',
  'email',
  'excludeAbandonedCart',
  'excludeStorno',
  'createdAtMin',
  'createdAtMax',
  'updatedAtMin',
  'updatedAtMax',
  'createdAt',
  'updatedAt',
  'shippingModeInnerId',
  'externalInfo',
];

/** The `/orders` collection filters, sr-api-docs `fixtures/api/order/data.json` (README.md). */
export function filterOrders(orders: readonly StoredOrder[], query: Query): StoredOrder[] {
  assertAllowedParams(query, orderFilters);
  const innerId = intParam(query, 'innerId');
  const innerIdMin = intParam(query, 'innerIdMin');
  const statusId = resourceIdParam(query, 'orderStatusId', 'orderStatus');
  const createdAtMin = datetimeParam(query, 'createdAtMin');
  const createdAtMax = datetimeParam(query, 'createdAtMax');
  const updatedAtMin = datetimeParam(query, 'updatedAtMin');
  const updatedAtMax = datetimeParam(query, 'updatedAtMax');
  const createdAt = dateParam(query, 'createdAt');
  const updatedAt = dateParam(query, 'updatedAt');
  const shippingModeInnerId = intParam(query, 'shippingModeInnerId');
  const email = query.email?.toLowerCase();
  const externalInfo = query.externalInfo;
  return orders
    .filter(
      (o) =>
        (innerId === undefined || o.innerId === innerId) &&
        (innerIdMin === undefined || o.innerId >= innerIdMin) &&
        (statusId === undefined || o.statusId === statusId) &&
        (email === undefined || o.email.toLowerCase() === email) &&
        (!flagParam(query, 'excludeAbandonedCart') || o.statusId !== 0) &&
        (!flagParam(query, 'excludeStorno') || !stornoStatusIds.has(o.statusId)) &&
        (createdAtMin === undefined || o.dateCreated >= createdAtMin) &&
        (createdAtMax === undefined || o.dateCreated <= createdAtMax) &&
        (updatedAtMin === undefined || o.dateUpdated >= updatedAtMin) &&
        (updatedAtMax === undefined || o.dateUpdated <= updatedAtMax) &&
        (createdAt === undefined || o.dateCreated.startsWith(createdAt)) &&
        (updatedAt === undefined || o.dateUpdated.startsWith(updatedAt)) &&
        (shippingModeInnerId === undefined || o.shippingMethod.modeId === shippingModeInnerId) &&
        // No order carries partner info in the simulator, so any externalInfo filter matches none.
        externalInfo === undefined,
    )
    .sort((a, b) => a.innerId - b.innerId);
}

export function findOrder(ctx: ApiContext, id: string, path: string): StoredOrder {
  const innerId = pathId('order', id);
  const order = ctx.store.state.orders.find((o) => o.innerId === innerId);
  if (!order) throw notFound(path);
  return order;
}

/**
 * `PUT /orders/{id}`: status change by `{"orderStatus": {"id": ...}}` [INF README.md], comment,
 * and `invoiceId` / `invoicePrefix`, which the order resource's field list marks writable (an
 * invoicing integration writes its invoice number back). Values are strings like every scalar;
 * their length limit is undocumented (assumptions.invoiceIdMaxLength).
 */
function updateOrder(order: StoredOrder, body: unknown, ctx: ApiContext): void {
  const data = readWriteBody(body);
  assertWritableFields(
    data,
    ['orderStatus', 'comment', 'invoiceId', 'invoicePrefix'],
    ['innerId', 'dateCreated', 'dateUpdated', 'href'],
  );
  if (data.comment !== undefined) order.comment = toText('comment', data.comment);
  if (data.invoiceId !== undefined) order.invoiceId = invoiceText('invoiceId', data.invoiceId);
  if (data.invoicePrefix !== undefined) {
    order.invoicePrefix = invoiceText('invoicePrefix', data.invoicePrefix);
  }
  if (data.orderStatus !== undefined) {
    const ref = data.orderStatus as { id?: unknown } | null;
    const statusId = typeof ref?.id === 'string' ? decodeResourceId('orderStatus', ref.id) : undefined;
    if (statusId === undefined || !findOrderStatus(statusId)) {
      throw new ShoprenterError(
        'WRONG_RESOURCE_IDENTITY_IN_DATA',
        'Some resource identity in data is wrong: orderStatus',
      );
    }
    if (statusId !== order.statusId) {
      const event = changeOrderStatus(order, ctx.store.state, statusId, '', ctx.now());
      ctx.emitOrderEvent(order, event);
    }
  }
  order.dateUpdated = ctx.now();
}

function invoiceText(field: string, value: unknown): string {
  const text = toText(field, value);
  if (text.length > assumptions.invoiceIdMaxLength) {
    throw new ShoprenterError(
      'WRONG_DATA',
      `Wrong data! ${field} is longer than ${assumptions.invoiceIdMaxLength} characters.`,
    );
  }
  return text;
}

export const orderRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/orders',
    handle: (req, _p, ctx) =>
      ok(
        renderCollection(
          filterOrders(ctx.store.state.orders, req.query),
          'orders',
          req.query,
          ctx.view,
          (o) => renderOrder(o, ctx.view),
        ),
      ),
  },
  {
    method: 'GET',
    path: '/orders/:id',
    handle: (req, [id = ''], ctx) => ok(renderOrder(findOrder(ctx, id, req.path), ctx.view)),
  },
  {
    method: 'PUT',
    path: '/orders/:id',
    handle: (req, [id = ''], ctx) => {
      const order = findOrder(ctx, id, req.path);
      updateOrder(order, req.body, ctx);
      ctx.store.save();
      return ok(renderOrder(order, ctx.view));
    },
  },
];
