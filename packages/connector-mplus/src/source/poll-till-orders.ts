/**
 * One poll: `getOrders` after the cursor's sync marker (at most `syncMarkerLimit`), each order's
 * relation fetched once (`getRelation`) for the customer's e-mail, and one event per order.
 * Journaled as ignored, never sent to a shop (README "Till orders to the shop"):
 * - an order whose extOrderId starts with one of `ignoredExtOrderIdPrefixes`: Koppel (or another
 *   integration) put it into Mplus from a shop, so sending it back would make a loop;
 * - an order entered before the cursor's `since` (a new connection does not send the history);
 * - an order whose relation has no e-mail (a walk-in sale): no shop customer can be found or made.
 * The event key is `orderId@syncMarker`, so polling again from one cursor gives the same keys.
 */
import type { PollResult, SourceEvent } from '@koppel/connector-sdk';
import { getRelationResponse, type MplusRelation } from '../api-schemas.js';
import type { MplusClient } from '../client.js';
import { getOrdersResponse, type TillOrder } from './api-schemas.js';
import { MPLUS_SOURCE_EVENT, tillOrderNumber } from './decode-till-order.js';
import { formatCursor, parseCursor } from './poll-cursor.js';
import type { MplusSourceSettings } from './settings.js';

export type MplusSourceSession = {
  readonly connectionId: string;
  readonly settings: Readonly<MplusSourceSettings>;
  readonly client: MplusClient;
};

function enteredAt(order: TillOrder): number | undefined {
  const t = order.entryTimestamp;
  return t ? Date.UTC(+t.year, +t.mon - 1, +t.day, +t.hour, +t.min, +t.sec) : undefined;
}

export function ignoredReasonOf(
  order: TillOrder,
  relation: MplusRelation | undefined,
  settings: Pick<MplusSourceSettings, 'ignoredExtOrderIdPrefixes'>,
  since: string | undefined,
): string | undefined {
  const ext = order.extOrderId ?? '';
  const prefix = settings.ignoredExtOrderIdPrefixes.find((p) => ext.startsWith(p));
  if (prefix !== undefined)
    return `extOrderId ${ext} starts with ${prefix}: an order put into Mplus from a shop`;
  const at = enteredAt(order);
  // Mplus gives whole seconds: an order taken in the same second as `since` (but after it) must
  // not be lost, so `since` is compared at the same precision.
  const sinceSecond = since === undefined ? undefined : Math.floor(Date.parse(since) / 1000) * 1000;
  if (sinceSecond !== undefined && at !== undefined && at < sinceSecond) return `entered before ${since}`;
  if (!relation?.email?.trim()) return 'the relation has no e-mail (a walk-in sale)';
  return undefined;
}

export async function pollTillOrders(session: MplusSourceSession, cursorText: string): Promise<PollResult> {
  const cursor = parseCursor(cursorText);
  const { settings, client } = session;
  const answer = await client.call(
    'getOrders',
    {
      request: {
        syncMarker: cursor.marker,
        syncMarkerLimit: settings.syncMarkerLimit,
        ...(settings.branchNumbers.length > 0 ? { branchNumbers: settings.branchNumbers } : {}),
      },
    },
    getOrdersResponse,
    'the till orders (getOrders)',
  );
  const relations = new Map<string, MplusRelation | undefined>();
  const events: SourceEvent[] = [];
  let marker = cursor.marker;
  for (const order of answer.orderList) {
    marker = Math.max(marker, Number(order.syncMarker));
    const number = order.relationNumber;
    if (number !== undefined && !relations.has(number)) {
      const found = await client.call(
        'getRelation',
        { relationNumber: number },
        getRelationResponse,
        `relation ${number}`,
      );
      relations.set(number, found.relation);
    }
    const relation = number === undefined ? undefined : relations.get(number);
    const ignoredReason = ignoredReasonOf(order, relation, settings, cursor.since);
    const payload = new TextEncoder().encode(
      JSON.stringify({ order, relation, currency: settings.currency }),
    );
    events.push({
      eventType: MPLUS_SOURCE_EVENT,
      eventKey: `${order.orderId}@${order.syncMarker}`,
      externalOrderId: order.orderId,
      payload,
      ...(ignoredReason === undefined
        ? {}
        : { ignoredReason: `${tillOrderNumber(order)}: ${ignoredReason}` }),
    });
  }
  return {
    events,
    nextCursor: formatCursor({ marker, ...(cursor.since === undefined ? {} : { since: cursor.since }) }),
    more: answer.orderList.length >= settings.syncMarkerLimit,
  };
}
