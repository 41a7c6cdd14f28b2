/**
 * The primary poll: one order pull with the cursor's `change_time`, whose answer holds every
 * order created or changed since then in one document (no paging is known). The vendor warns the
 * filter "may not be accurate" (README "Vendor facts"): the shop may answer more than asked
 * (the whole day), so orders are kept only when they come after the cursor, in (change_time,
 * order id) order, at most ORDERS_PER_POLL per call. Aborted checkouts appear in the export as
 * orders; they move the cursor but are never handed on.
 */
import type { PollResult, SourceEvent } from '@koppel/connector-sdk';
import type { MyshopClient } from './client.js';
import { type OrderHeader, parseExport, readHeader } from './export-xml.js';
import { formatCursor, isAfterCursor, type PollCursor, parseCursor } from './poll-cursor.js';
import type { MyshopSettings } from './settings.js';

/** Orders looked at per poll call; the rest come on the next call right away (`more`). */
export const ORDERS_PER_POLL = 100;
/** The event type of a pulled order (myShop has no events; an order is new or changed). */
export const ORDER_CHANGED = 'order_changed';

export type MyshopSession = { client: MyshopClient; settings: MyshopSettings };

/** `order:<shop_order>:changed:<change_time>`, plus the re-import run when there is one. */
export function orderEventKey(header: Pick<OrderHeader, 'shopOrder' | 'changeTime'>, cursor: PollCursor) {
  const key = `order:${header.shopOrder}:changed:${header.changeTime}`;
  return cursor.reimport === undefined ? key : `${key}:reimport:${cursor.reimport}`;
}

function toEvent(header: OrderHeader, cursor: PollCursor): SourceEvent {
  return {
    eventType: ORDER_CHANGED,
    eventKey: orderEventKey(header, cursor),
    externalOrderId: header.shopOrder,
    payload: new TextEncoder().encode(JSON.stringify(header.tree)),
  };
}

function nextCursorOf(cursor: PollCursor, batch: readonly OrderHeader[]): PollCursor {
  const last = batch.at(-1);
  if (!last) return cursor;
  const atLast = batch.filter((h) => h.changeTime === last.changeTime).map((h) => h.shopOrder);
  const seen = last.changeTime === cursor.after ? [...cursor.seen, ...atLast] : atLast;
  return { ...cursor, after: last.changeTime, seen };
}

export async function pollOrders(session: MyshopSession, cursorText: string): Promise<PollResult> {
  const cursor = parseCursor(cursorText);
  const xml = await session.client.ordersSince(cursor.after);
  const pending = parseExport(xml)
    .map(readHeader)
    .filter((h) => isAfterCursor(cursor, h.changeTime, h.shopOrder))
    .sort((a, b) => a.changeTime.localeCompare(b.changeTime) || a.shopOrder.localeCompare(b.shopOrder));
  const batch = pending.slice(0, ORDERS_PER_POLL);
  return {
    events: batch.filter((h) => !h.aborted).map((h) => toEvent(h, cursor)),
    nextCursor: formatCursor(nextCursorOf(cursor, batch)),
    more: pending.length > batch.length,
  };
}
