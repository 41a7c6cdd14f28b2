/**
 * The poll cursor: **the next order number to import**, as Asperion's Mijnwebwinkel importer
 * offers it (an operator sets it back to re-import an order or forward to skip a range), plus
 * what the poll needs to follow status changes of orders it has already passed. Stored as a
 * query string, e.g. `next=1042&low=1001&from=2025-03-01&changed=2025-03-01 14:05:09&seen=1040`:
 *
 * - `next`: the next order number to import; or, before the first order is found, `since`: the
 *   instant (UTC) from which placed orders are imported (a new connection, or a reset to a date).
 * - `low`: the lowest order number this cursor imports; status changes are followed for orders
 *   `low ≤ number < next` only, so a skipped range stays skipped.
 * - `from`: a day (shop time) on or before which no order ≥ `next` was placed: the `start_date`
 *   filter that keeps a poll from paging through the shop's whole history.
 * - `changed` + `seen`: the status-change watermark (`status_changed_start_date`, shop time) and
 *   the orders already taken at exactly that second. See README "Cursor and status changes".
 */
import type { CursorReset } from '@koppel/connector-sdk';
import { invalidCursor } from './errors.js';

export type PollCursor = {
  next?: number;
  since?: string;
  low?: number;
  from?: string;
  changed?: string;
  seen: number[];
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const NUMBER = /^\d{1,15}$/;

export function formatCursor(cursor: PollCursor): string {
  const params = new URLSearchParams();
  if (cursor.next !== undefined) params.set('next', String(cursor.next));
  if (cursor.since !== undefined) params.set('since', cursor.since);
  if (cursor.low !== undefined) params.set('low', String(cursor.low));
  if (cursor.from !== undefined) params.set('from', cursor.from);
  if (cursor.changed !== undefined) params.set('changed', cursor.changed);
  if (cursor.seen.length > 0) params.set('seen', cursor.seen.join(','));
  return params.toString();
}

export function parseCursor(text: string): PollCursor {
  const params = new URLSearchParams(text);
  const bad = () => invalidCursor(`"${text}" is not a Mijnwebwinkel poll cursor`, 'cursor');
  const number = (name: string) => {
    const value = params.get(name);
    if (value === null) return undefined;
    if (!NUMBER.test(value)) throw bad();
    return Number(value);
  };
  const matching = (name: string, pattern: RegExp) => {
    const value = params.get(name);
    if (value !== null && !pattern.test(value)) throw bad();
    return value ?? undefined;
  };
  const next = number('next');
  const since = params.get('since') ?? undefined;
  if ((next === undefined) === (since === undefined)) throw bad();
  if (since !== undefined && Number.isNaN(Date.parse(since))) throw bad();
  const seenText = params.get('seen');
  if (seenText !== null && !/^\d+(,\d+)*$/.test(seenText)) throw bad();
  const cursor: PollCursor = { seen: seenText === null ? [] : seenText.split(',').map(Number) };
  if (next !== undefined) cursor.next = next;
  if (since !== undefined) cursor.since = since;
  const low = number('low');
  if (low !== undefined) cursor.low = low;
  const from = matching('from', DAY);
  if (from !== undefined) cursor.from = from;
  const changed = matching('changed', LOCAL);
  if (changed !== undefined) cursor.changed = changed;
  return cursor;
}

/** A new connection imports the orders placed from now on (an operator may set it back). */
export function initialCursor(now: Date): string {
  return formatCursor({ since: now.toISOString(), seen: [] });
}

export function cursorFor(reset: CursorReset): string {
  if ('since' in reset) {
    if (Number.isNaN(reset.since.getTime())) {
      throw invalidCursor('since must be a valid date and time', 'since');
    }
    return formatCursor({ since: reset.since.toISOString(), seen: [] });
  }
  const number = reset.orderNumber.trim();
  if (!/^\d{1,15}$/.test(number) || Number(number) < 1) {
    throw invalidCursor(
      `a Mijnwebwinkel order number is a positive whole number, e.g. 1042, not "${number}"`,
      'orderNumber',
    );
  }
  return formatCursor({ next: Number(number), low: Number(number), seen: [] });
}

export function describeCursor(text: string): string {
  const cursor = parseCursor(text);
  if (cursor.next === undefined) {
    return `next order number to import: the first order placed from ${cursor.since} on`;
  }
  const head = `next order number to import: ${cursor.next}`;
  if (cursor.low === undefined || cursor.low >= cursor.next || cursor.changed === undefined) return head;
  return `${head} (status changes of orders ${cursor.low}–${cursor.next - 1} followed since ${cursor.changed}, shop time)`;
}
