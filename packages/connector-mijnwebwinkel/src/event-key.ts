/**
 * One polled order as a source event. The key is `order:<number>:status:<status id>:payment:<payment_status>`:
 * the same order in the same state gives the same key (the inbox drops it when a poll reads it
 * again, e.g. after a cursor reset), a new status or payment status gives a new one (so an order
 * paid after it was pending is admitted again and the connection's status filter can pass it).
 * The payload is the order exactly as the API served it.
 */
import type { SourceEvent } from '@koppel/connector-sdk';
import type { ListedOrder } from './api-schemas.js';

export function orderEventKey(number: string, status: number, paymentStatus: string): string {
  return `order:${number}:status:${status}:payment:${paymentStatus || '-'}`;
}

export function orderEvent(raw: unknown, order: ListedOrder, eventType: string): SourceEvent {
  const number = String(order.number);
  return {
    eventType,
    eventKey: orderEventKey(number, order.status, order.payment_status),
    externalOrderId: number,
    payload: new TextEncoder().encode(JSON.stringify(raw)),
  };
}
