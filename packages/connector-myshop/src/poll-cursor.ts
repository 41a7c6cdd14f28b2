/**
 * The poll's cursor: the `change_time` of the last order handed on (shop-local
 * `yyyymmddhhmmss`, the form the order pull takes) and the orders handed on at exactly that
 * second, so a later order stamped in the same second is still picked up. An operator's reset
 * to a moment also names that moment as a re-import run (`reimport`), which goes into the event
 * keys: the orders are admitted again and the delivery's look-up skips those already in the
 * target, instead of the inbox dropping them unseen. Stored as a query string:
 * `after=20250301130509&seen=12345_00012` (`&reimport=20250301000000`).
 * README.md "Cursor".
 */
import type { CursorReset } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { isChangeTime, secondBefore, toChangeTime } from './shop-time.js';

export type PollCursor = {
  /** Orders changed after this second (shop time) are new. */
  after: string;
  /** Orders already handed on that changed at exactly `after`. */
  seen: readonly string[];
  /** The reset this cursor descends from, if any (part of the event keys). */
  reimport?: string;
};

/** A first poll starts this long before the connection was set up: room for clock skew. */
export const INITIAL_LOOKBACK_MS = 10 * 60_000;

export function formatCursor(cursor: PollCursor): string {
  const params = new URLSearchParams({ after: cursor.after });
  if (cursor.seen.length > 0) params.set('seen', [...cursor.seen].sort().join(','));
  if (cursor.reimport !== undefined) params.set('reimport', cursor.reimport);
  return params.toString();
}

export function parseCursor(text: string): PollCursor {
  const params = new URLSearchParams(text);
  const after = params.get('after') ?? '';
  const seen = (params.get('seen') ?? '').split(',').filter((id) => id !== '');
  const reimport = params.get('reimport');
  if (!isChangeTime(after) || (reimport !== null && !isChangeTime(reimport))) {
    throw appError('VALIDATION_FAILED', `"${text}" is not a myShop poll cursor`, { field: 'cursor' });
  }
  return { after, seen, ...(reimport === null ? {} : { reimport }) };
}

/** True when an order (its change time and id) comes after the cursor. */
export function isAfterCursor(cursor: PollCursor, changeTime: string, shopOrder: string): boolean {
  return changeTime > cursor.after || (changeTime === cursor.after && !cursor.seen.includes(shopOrder));
}

export function initialCursor(now: Date): string {
  return formatCursor({ after: toChangeTime(new Date(now.getTime() - INITIAL_LOOKBACK_MS)), seen: [] });
}

export function cursorFor(reset: CursorReset): string {
  if ('since' in reset) {
    if (Number.isNaN(reset.since.getTime())) {
      throw appError('VALIDATION_FAILED', 'since must be a valid date and time', { field: 'since' });
    }
    const since = toChangeTime(reset.since);
    // "Changed at or after `since`": the cursor stands one second before it.
    return formatCursor({ after: secondBefore(since), seen: [], reimport: since });
  }
  throw appError(
    'VALIDATION_FAILED',
    "myShop's order pull selects orders by the time they last changed (change_time), not by order number; reset to a moment instead (since), e.g. the day the order was placed",
    { field: 'orderNumber' },
  );
}

function readable(changeTime: string): string {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) =>
    changeTime.slice(at, i === 0 ? 4 : at + 2),
  );
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

export function describeCursor(text: string): string {
  const cursor = parseCursor(text);
  const seen = cursor.seen.length > 0 ? ` (${cursor.seen.length} order(s) of that second already taken)` : '';
  const run = cursor.reimport === undefined ? '' : `; re-import run from ${readable(cursor.reimport)}`;
  return `orders changed after ${readable(cursor.after)} shop time (Europe/Amsterdam)${seen}${run}`;
}
