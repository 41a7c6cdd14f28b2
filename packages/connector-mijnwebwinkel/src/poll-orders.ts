/**
 * The poll (README "Cursor and status changes"). First the status changes: orders the cursor has
 * already passed (`low ≤ number < next`) whose status changed since the watermark
 * (`status_changed_start_date`), so an order placed pending and paid later comes again with its
 * new status and a new event key, and the connection's status filter can now let it through.
 * Then the new orders: `ordering=asc` (by order number) from the `from` day on, limit/offset
 * paging (limit at most 100, a short page is the last), every order from `next` on, at most
 * EVENTS_PER_POLL per call. Test orders are left out (the API's default `test=false`).
 * https://myonlinestore.github.io/public-api-docs/
 */
import type { PollResult, SourceEvent } from '@koppel/connector-sdk';
import { type ListedOrder, listedOrderSchema } from './api-schemas.js';
import type { MijnwebwinkelClient } from './client.js';
import { mijnwebwinkelErrors } from './errors.js';
import { orderEvent } from './event-key.js';
import { formatCursor, type PollCursor, parseCursor } from './poll-cursor.js';
import type { MijnwebwinkelSettings } from './settings.js';
import { toShopLocal } from './shop-time.js';

/** The documented maximum page size. */
export const PAGE_LIMIT = 100;
/** New orders turned into events per poll; the poller polls again at once when there are more. */
export const EVENTS_PER_POLL = 50;
/** A runaway guard: 200 pages of 100 orders. */
const MAX_PAGES = 200;
/**
 * The first status watermark is Koppel's clock in shop time minus this margin, for a shop clock
 * running a little behind ours; an order imported in that margin is read once more (a duplicate
 * the inbox drops).
 */
const FIRST_WATERMARK_MARGIN_MS = 60_000;

export type MijnwebwinkelSession = {
  client: MijnwebwinkelClient;
  settings: MijnwebwinkelSettings;
  /** Clock in epoch milliseconds. */
  now(): number;
};

type Listed = { raw: unknown; order: ListedOrder; number: number; changedAt: string };

function toListed(raw: unknown): Listed | undefined {
  const parsed = listedOrderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw mijnwebwinkelErrors.badResponse(
      `an order in Mijnwebwinkel's answer lacks the documented shape at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  const order = parsed.data;
  const text = String(order.number);
  // Test orders ("T-" numbers, seen by a third party) are never imported.
  if (!/^\d+$/.test(text)) return undefined;
  const changedAt = `${order.status_changed_date} ${order.status_changed_time}`.trim();
  return { raw, order, number: Number(text), changedAt };
}

/** Every page of `/orders` with `query`, in order, until `visit` says stop or a page is short. */
async function eachOrder(
  client: MijnwebwinkelClient,
  query: Record<string, string>,
  visit: (order: Listed) => 'continue' | 'stop',
): Promise<void> {
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await client.get('/orders', {
      ...query,
      ordering: 'asc',
      limit: String(PAGE_LIMIT),
      offset: String(page * PAGE_LIMIT),
    });
    if (!Array.isArray(body)) throw mijnwebwinkelErrors.badResponse('/orders did not answer a JSON array');
    for (const raw of body) {
      const listed = toListed(raw);
      if (listed && visit(listed) === 'stop') return;
    }
    if (body.length < PAGE_LIMIT) return;
  }
  throw mijnwebwinkelErrors.badResponse(`/orders has more than ${MAX_PAGES} pages`);
}

/** Orders in `low ≤ number < next` whose status changed since the watermark. */
async function statusChanges(session: MijnwebwinkelSession, cursor: PollCursor, low: number, next: number) {
  const changed = cursor.changed ?? '';
  const events: SourceEvent[] = [];
  let watermark = changed;
  let atWatermark = new Set(cursor.seen);
  await eachOrder(session.client, { status_changed_start_date: changed }, (listed) => {
    const { number, changedAt } = listed;
    if (changedAt === changed && cursor.seen.includes(number)) return 'continue';
    // Orders from `next` on are the new-order part's (imported with their current status).
    if (number >= next) return 'continue';
    if (number >= low) events.push(orderEvent(listed.raw, listed.order, 'order_status_change'));
    if (changedAt > watermark) {
      watermark = changedAt;
      atWatermark = new Set();
    }
    if (changedAt === watermark) atWatermark.add(number);
    return 'continue';
  });
  return { events, changed: watermark, seen: [...atWatermark].sort((a, b) => a - b) };
}

export async function pollOrders(session: MijnwebwinkelSession, cursorText: string): Promise<PollResult> {
  const cursor = parseCursor(cursorText);
  const timeZone = session.settings.timeZone;
  const firstWatermark = toShopLocal(new Date(session.now() - FIRST_WATERMARK_MARGIN_MS), timeZone);
  const follow =
    cursor.next !== undefined && cursor.low !== undefined && cursor.changed !== undefined
      ? await statusChanges(session, cursor, cursor.low, cursor.next)
      : undefined;

  const sinceLocal = cursor.since === undefined ? undefined : toShopLocal(new Date(cursor.since), timeZone);
  const startDate = cursor.from ?? sinceLocal?.slice(0, 10);
  const fresh: SourceEvent[] = [];
  let next = cursor.next;
  let low = cursor.low;
  let from = cursor.from;
  let highestSeen: Listed | undefined;
  let more = false;
  await eachOrder(session.client, startDate === undefined ? {} : { start_date: startDate }, (listed) => {
    const { number, order } = listed;
    const placed = `${order.date} ${order.time}`;
    const isNew = next !== undefined ? number >= next : sinceLocal !== undefined && placed >= sinceLocal;
    if (!isNew) {
      if (!highestSeen || number > highestSeen.number) highestSeen = listed;
      return 'continue';
    }
    if (fresh.length >= EVENTS_PER_POLL) {
      more = true;
      return 'stop';
    }
    fresh.push(orderEvent(listed.raw, order, 'order'));
    next = number + 1;
    low ??= number;
    from = order.date;
    return 'continue';
  });
  // No new order yet: every later order was placed on or after the newest one seen.
  if (fresh.length === 0 && next !== undefined && highestSeen) from = highestSeen.order.date;

  const nextCursor: PollCursor =
    next === undefined
      ? { ...cursor }
      : {
          next,
          ...(low === undefined ? {} : { low }),
          ...(from === undefined ? {} : { from }),
          changed: follow?.changed || cursor.changed || firstWatermark,
          seen: follow?.seen ?? cursor.seen,
        };
  return { events: [...(follow?.events ?? []), ...fresh], nextCursor: formatCursor(nextCursor), more };
}
