/**
 * Splits one Shoprenter webhook body (`{"orders":{"order":[...]}}` or its XML equivalent) into
 * one event per order. Shoprenter documents no retry or dedupe semantics, and the reconciliation
 * poll must give the same key for the same order state, so the key is the order and its status
 * id (event-key.ts): `order:<innerId>:status:<orderHistory.status>`. When the merchant's field
 * whitelist left out the status, a hash of the order's payload stands in for it
 * (`order:<innerId>:payload:<hash>`), so an identical redelivery dedupes and a changed order
 * does not. The event name comes from the webhook URL's `?event=` when the operator put it
 * there (the body does not say), else it is inferred from the fields (event-type.ts).
 * An abandoned cart (`?event=abandoned_cart`, or an order whose `orderHistory.status` is 0, the
 * status of a cart never ordered) is recognised and returned with `ignoredReason`: intake
 * journals it as ignored and never decodes it as an order.
 * https://doc.shoprenter.hu/development/api/07_webhook.html
 */
import { createHash } from 'node:crypto';
import type { WebhookEvent, WebhookInput } from '@koppel/connector-sdk';
import { type AppError, appError } from '@koppel/errors';
import { orderEventKey } from './event-key.js';
import { ABANDONED_CART, eventTypeOf } from './event-type.js';
import { isNormalizedObject, type NormalizedObject, stableStringify } from './payload-normalizer.js';
import { parseWebhookBody } from './webhook-body-parser.js';

/** The status of a cart that was never ordered: an abandoned cart has no order status. */
const ABANDONED_CART_STATUS = '0';

function malformed(message: string, field: string): AppError {
  return appError('MALFORMED_BODY', message, { field });
}

function ordersOf(tree: ReturnType<typeof parseWebhookBody>): NormalizedObject[] {
  if (!isNormalizedObject(tree) || !isNormalizedObject(tree.orders)) {
    throw malformed('body has no "orders" object', 'orders');
  }
  const orders = tree.orders.order;
  if (!Array.isArray(orders) || orders.length === 0) throw malformed('body has no orders', 'orders.order');
  return orders.map((order, index) => {
    if (!isNormalizedObject(order)) throw malformed('order is not an object', `orders.order[${index}]`);
    return order;
  });
}

function historyValue(order: NormalizedObject, key: 'status' | 'dateAdded'): string {
  const history = order.orderHistory;
  const value = isNormalizedObject(history) ? history[key] : undefined;
  return typeof value === 'string' ? value.trim() : '';
}

function toEvent(order: NormalizedObject, index: number, namedEvent: string | undefined): WebhookEvent {
  const innerId = typeof order.innerId === 'string' ? order.innerId.trim() : '';
  // Shoprenter's ids are database integers: 20 digits hold any of them.
  if (!/^\d{1,20}$/.test(innerId)) {
    throw malformed(
      'order innerId is missing or not a number of at most 20 digits',
      `orders.order[${index}].innerId`,
    );
  }
  const json = stableStringify(order);
  const status = historyValue(order, 'status');
  const eventKey = /^\d+$/.test(status)
    ? orderEventKey(innerId, status)
    : `order:${innerId}:payload:${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
  const eventType = status === ABANDONED_CART_STATUS ? ABANDONED_CART : eventTypeOf(order, namedEvent);
  const event: WebhookEvent = {
    eventType,
    eventKey,
    externalOrderId: innerId,
    payload: new TextEncoder().encode(json),
  };
  if (eventType === ABANDONED_CART) {
    event.ignoredReason = 'abandoned cart: the customer did not place the order (no status yet)';
  }
  return event;
}

export function splitShoprenterWebhook(input: WebhookInput): WebhookEvent[] {
  const orders = ordersOf(parseWebhookBody(input.contentType, input.body));
  return orders.map((order, index) => toEvent(order, index, input.query.event));
}
