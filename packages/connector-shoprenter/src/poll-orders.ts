/**
 * The reconciliation poll: orders updated since the cursor (`/orders?updatedAtMin=&full=1`, all
 * pages: page is 0-based, limit at most 200, the last page has `next: null`; README.md), in
 * (dateUpdated, innerId) order, at most ORDERS_PER_POLL per call, each with its lines, totals
 * and status name, as the same events the webhook gives. Abandoned carts are left out
 * (`excludeAbandonedCart=1`): Koppel books placed orders only.
 * https://doc.shoprenter.hu/api/order.html
 */
import type { PollResult } from '@koppel/connector-sdk';
import type { z } from 'zod';
import type { ShoprenterClient } from './client.js';
import { shoprenterErrors } from './errors.js';
import { type RestOrderBundle, type RestStatus, restOrderToEvent } from './map-rest-order.js';
import { formatCursor, isAfterCursor, parseCursor, toCursorDate } from './poll-cursor.js';
import {
  collectionSchema,
  orderStatusDescriptionSchema,
  orderStatusSchema,
  type RestOrder,
  restOrderProductSchema,
  restOrderSchema,
  restOrderTotalSchema,
} from './rest-schemas.js';
import type { ShoprenterSettings } from './settings.js';

/** Orders turned into events per poll call: each costs two more calls at 3 calls/s. */
export const ORDERS_PER_POLL = 20;
/** The documented maximum page size (README.md). */
const PAGE_LIMIT = '200';
/** A runaway guard: 100 pages of 200 is more than one interval of any shop's updates. */
const MAX_PAGES = 100;

export type ShoprenterSession = {
  client: ShoprenterClient;
  settings: ShoprenterSettings;
  /** Status names by status resource id; statuses are shop configuration and rarely change. */
  statuses: Map<string, RestStatus>;
};

export function parseWith<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw shoprenterErrors.badResponse(
    `Shoprenter's ${what} answer does not have the documented shape at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
  );
}

/** Every item of a collection, following pages until `next` is null. */
export async function listAll<S extends z.ZodType>(
  client: ShoprenterClient,
  path: string,
  query: Record<string, string>,
  item: S,
): Promise<z.output<S>[]> {
  const schema = collectionSchema(item);
  const items: z.output<S>[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = await client.get(path, { ...query, full: '1', limit: PAGE_LIMIT, page: String(page) });
    const parsed = parseWith(schema, body, path);
    items.push(...parsed.items);
    if (!parsed.next) return items;
  }
  throw shoprenterErrors.badResponse(`${path} has more than ${MAX_PAGES} pages`);
}

/** The resource id at the end of a link (`.../orderStatuses/<id>`): followed, never built (FAQ). */
export function idOfLink(href: string): string {
  return decodeURIComponent(new URL(href).pathname.split('/').at(-1) ?? '');
}

async function statusOf(session: ShoprenterSession, order: RestOrder): Promise<RestStatus> {
  if (order.orderStatus === '') return { id: '0', text: '' };
  const resourceId = idOfLink(order.orderStatus);
  const known = session.statuses.get(resourceId);
  if (known) return known;
  const status = parseWith(
    orderStatusSchema,
    await session.client.get(`/orderStatuses/${encodeURIComponent(resourceId)}`),
    'orderStatuses',
  );
  const descriptions = await listAll(
    session.client,
    '/orderStatusDescriptions',
    { orderStatusId: resourceId },
    orderStatusDescriptionSchema,
  );
  const resolved = { id: status.innerId, text: descriptions[0]?.name ?? '' };
  session.statuses.set(resourceId, resolved);
  return resolved;
}

async function bundleOf(session: ShoprenterSession, order: RestOrder): Promise<RestOrderBundle> {
  const { client } = session;
  const lines = await listAll(client, '/orderProducts', { orderId: order.id }, restOrderProductSchema);
  const totals = await listAll(client, '/orderTotals', { orderId: order.id }, restOrderTotalSchema);
  return { order, lines, totals, status: await statusOf(session, order) };
}

export async function pollOrders(session: ShoprenterSession, cursorText: string): Promise<PollResult> {
  const cursor = parseCursor(cursorText);
  const query: Record<string, string> = { updatedAtMin: cursor.since, excludeAbandonedCart: '1' };
  if (cursor.from !== undefined) query.innerIdMin = String(cursor.from);
  const listed = await listAll(session.client, '/orders', query, restOrderSchema);
  const pending = listed
    .filter((order) => isAfterCursor(cursor, order.dateUpdated, Number(order.innerId)))
    .sort((a, b) => {
      const byDate = toCursorDate(a.dateUpdated).localeCompare(toCursorDate(b.dateUpdated));
      return byDate !== 0 ? byDate : Number(a.innerId) - Number(b.innerId);
    });
  const batch = pending.slice(0, ORDERS_PER_POLL);
  const events = [];
  for (const order of batch) {
    events.push(restOrderToEvent(await bundleOf(session, order), session.settings.shopName));
  }
  const last = batch.at(-1);
  const nextCursor = last
    ? formatCursor({
        since: toCursorDate(last.dateUpdated),
        after: Number(last.innerId),
        ...(cursor.from === undefined ? {} : { from: cursor.from }),
      })
    : formatCursor(cursor);
  return { events, nextCursor, more: pending.length > batch.length };
}
