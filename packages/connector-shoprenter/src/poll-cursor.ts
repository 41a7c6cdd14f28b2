/**
 * The reconciliation poll's cursor: the last order seen, as its `dateUpdated` (shop-local time,
 * the format the `updatedAtMin` filter takes: `2025-03-01T10:15:00`) and its innerId, which
 * breaks ties between orders updated in the same second. Optionally a lowest innerId, set by an
 * operator's reset to an order number. Stored as a query string:
 * `since=2025-03-01T10:15:00&after=205` (`&from=1042`).
 * https://doc.shoprenter.hu/api/order.html (updatedAtMin, innerIdMin)
 */
import type { CursorReset } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { isBudapestSummerTime } from './budapest-time.js';

export type PollCursor = {
  /** Shop-local `YYYY-MM-DDTHH:MM:SS`. */
  since: string;
  /** innerId of the last order seen at `since` (0: none yet). */
  after: number;
  /** Orders below this innerId are never polled (an operator's reset to an order number). */
  from?: number;
};

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const HOUR_MS = 3_600_000;

/** A UTC instant as Budapest wall-clock time, the zone Shoprenter prints (budapest-time.ts). */
export function toShopLocal(at: Date): string {
  const winter = at.getTime() + HOUR_MS;
  const wall = isBudapestSummerTime(at.getTime() + 2 * HOUR_MS) ? winter + HOUR_MS : winter;
  return new Date(wall).toISOString().slice(0, 19);
}

export function formatCursor(cursor: PollCursor): string {
  const params = new URLSearchParams({ since: cursor.since, after: String(cursor.after) });
  if (cursor.from !== undefined) params.set('from', String(cursor.from));
  return params.toString();
}

/**
 * A whole number the cursor can hold exactly: innerIds are integers, and one past
 * Number.MAX_SAFE_INTEGER would be stored rounded or as `1e+30`, a cursor no poll can read.
 */
function toSafeId(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function invalid(cursor: string): Error {
  return appError('VALIDATION_FAILED', `"${cursor}" is not a Shoprenter poll cursor`, { field: 'cursor' });
}

export function parseCursor(cursor: string): PollCursor {
  const params = new URLSearchParams(cursor);
  const since = params.get('since') ?? '';
  const after = toSafeId(params.get('after') ?? '');
  const fromText = params.get('from');
  const from = fromText === null ? undefined : toSafeId(fromText);
  if (!LOCAL.test(since) || after === undefined || (fromText !== null && from === undefined)) {
    throw invalid(cursor);
  }
  return { since, after, ...(from === undefined ? {} : { from }) };
}

/** Shoprenter dates as the cursor compares them (`2025-03-01 10:15:00` → `2025-03-01T10:15:00`). */
export function toCursorDate(shopDate: string): string {
  return shopDate.trim().replace(' ', 'T');
}

/** True when an order (its dateUpdated and innerId) comes after the cursor. */
export function isAfterCursor(cursor: PollCursor, dateUpdated: string, innerId: number): boolean {
  if (cursor.from !== undefined && innerId < cursor.from) return false;
  const date = toCursorDate(dateUpdated);
  return date > cursor.since || (date === cursor.since && innerId > cursor.after);
}

/** A reconciliation poll starts now: earlier orders came by webhook (or an operator resets). */
export function initialCursor(now: Date): string {
  return formatCursor({ since: toShopLocal(now), after: 0 });
}

export function cursorFor(reset: CursorReset): string {
  if ('since' in reset) {
    if (Number.isNaN(reset.since.getTime())) {
      throw appError('VALIDATION_FAILED', 'since must be a valid date and time', { field: 'since' });
    }
    return formatCursor({ since: toShopLocal(reset.since), after: 0 });
  }
  const number = reset.orderNumber.trim();
  const from = toSafeId(number);
  if (from === undefined) {
    throw appError(
      'VALIDATION_FAILED',
      `a Shoprenter order number is its innerId, digits up to ${Number.MAX_SAFE_INTEGER} (e.g. 1042), not "${number}"`,
      { field: 'orderNumber' },
    );
  }
  // Every order from that number on, whatever its update time.
  return formatCursor({ since: '2000-01-01T00:00:00', after: 0, from });
}

export function describeCursor(cursor: string): string {
  const parsed = parseCursor(cursor);
  const base = `orders updated after ${parsed.since.replace('T', ' ')} (shop time)`;
  const tie = parsed.after > 0 ? `, after order ${parsed.after} of that second` : '';
  const from = parsed.from === undefined ? '' : `, from order ${parsed.from} on`;
  return `${base}${tie}${from}`;
}
