/**
 * The poll cursor: the last **sync marker** taken from `getOrders` (the vendor's incremental sync:
 * start at 0, keep the highest marker returned) plus, for a new connection, the instant from which
 * till orders are sent (`since`), so connecting a till does not send its whole history to the shop.
 * Stored as a query string, e.g. `marker=1042&since=2025-03-01T00:00:00.000Z`.
 */
import type { CursorReset } from '@koppel/connector-sdk';
import { invalidCursor } from './decode-errors.js';

export type TillCursor = { marker: number; since?: string };

export function formatCursor(cursor: TillCursor): string {
  const params = new URLSearchParams({ marker: String(cursor.marker) });
  if (cursor.since !== undefined) params.set('since', cursor.since);
  return params.toString();
}

export function parseCursor(text: string): TillCursor {
  const params = new URLSearchParams(text);
  const marker = params.get('marker');
  const since = params.get('since') ?? undefined;
  if (
    marker === null ||
    !/^\d{1,15}$/.test(marker) ||
    (since !== undefined && Number.isNaN(Date.parse(since)))
  ) {
    throw invalidCursor(`"${text}" is not an MplusKASSA poll cursor`, 'cursor');
  }
  return { marker: Number(marker), ...(since === undefined ? {} : { since }) };
}

export function initialCursor(now: Date): string {
  return formatCursor({ marker: 0, since: now.toISOString() });
}

/** `{since}`: till orders entered from then on; `{orderNumber}`: the sync marker to continue after. */
export function cursorFor(reset: CursorReset): string {
  if ('since' in reset) return formatCursor({ marker: 0, since: reset.since.toISOString() });
  if (!/^\d{1,15}$/.test(reset.orderNumber)) {
    throw invalidCursor('an MplusKASSA cursor is a sync marker (digits)', 'orderNumber');
  }
  return formatCursor({ marker: Number(reset.orderNumber) });
}

export function describeCursor(text: string): string {
  const cursor = parseCursor(text);
  const after = `till orders changed after sync marker ${cursor.marker}`;
  return cursor.since === undefined ? after : `${after}, entered since ${cursor.since}`;
}
