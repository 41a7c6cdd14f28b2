/**
 * Sets product stock in Shoprenter: `PUT /products/{id}` with `{"stock1": n}` as sub-requests of
 * one `/batch` call per push batch (at most 200), after the ids are resolved by SKU or EAN.
 * A 404 on a cached id (the product was deleted or recreated) forgets it and looks it up once
 * more; what is then still missing is `unknown-article`. Stock goes into warehouse 1 (`stock1`),
 * the field Shoprenter's own outer-id example updates. README.md "Stock".
 * https://doc.shoprenter.hu/development/api/05_outer_id.html
 */
import type { StockPush, StockPushResult } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { ShoprenterSession } from '../poll-orders.js';
import { callBatch, MAX_BATCH_REQUESTS, readSubStatus } from './batch-call.js';
import { productIdCacheOf } from './product-id-cache.js';
import { resolveProductIds } from './resolve-product-ids.js';

/** The product field the quantity is written to (Shoprenter keeps four warehouses). */
export const STOCK_FIELD = 'stock1';
/** Shoprenter integers are 1..1000000000 where bounded (40005 "int must be 1..1000000000"). */
const MAX_QUANTITY = 1_000_000_000;

type Keyed = { push: StockPush; index: number; key: string };

/** The match value of a push; a push without the connection's key cannot be matched. */
function keyOf(push: StockPush, matchKey: 'sku' | 'ean'): string {
  return matchKey === 'sku' ? push.sku : (push.ean ?? '');
}

function assertValid(pushes: readonly StockPush[]): void {
  if (pushes.length > MAX_BATCH_REQUESTS) {
    throw appError('VALIDATION_FAILED', `at most ${MAX_BATCH_REQUESTS} pushes per call`, { field: 'pushes' });
  }
  for (const [index, push] of pushes.entries()) {
    if (!Number.isInteger(push.quantity) || push.quantity < 0 || push.quantity > MAX_QUANTITY) {
      throw appError(
        'VALIDATION_FAILED',
        `quantity of ${push.sku} must be a whole number 0..${MAX_QUANTITY}`,
        {
          field: `pushes[${index}].quantity`,
        },
      );
    }
  }
}

/** PUTs each keyed push to its id; answers the ones whose id answered 404. */
async function putStock(
  session: ShoprenterSession,
  items: readonly Keyed[],
  ids: ReadonlyMap<string, string>,
): Promise<Keyed[]> {
  const sendable = items.filter((item) => ids.has(item.key));
  const answers = await callBatch(
    session,
    sendable.map((item) => ({
      method: 'PUT' as const,
      path: `/products/${encodeURIComponent(ids.get(item.key) ?? '')}`,
      data: { [STOCK_FIELD]: item.push.quantity },
    })),
  );
  const gone: Keyed[] = [];
  for (const [index, answer] of answers.entries()) {
    const item = sendable[index];
    if (item && readSubStatus(answer, `the stock of ${item.push.sku}`) === 'not-found') gone.push(item);
  }
  return gone;
}

export async function pushShoprenterStock(
  session: ShoprenterSession,
  matchKey: 'sku' | 'ean',
  pushes: readonly StockPush[],
): Promise<StockPushResult[]> {
  assertValid(pushes);
  const items: Keyed[] = pushes.map((push, index) => ({ push, index, key: keyOf(push, matchKey) }));
  const matchable = items.filter((item) => item.key !== '');
  const ids = await resolveProductIds(
    session,
    matchKey,
    matchable.map((item) => item.key),
  );
  const stale = await putStock(session, matchable, ids);
  const unknown = new Set<number>(items.filter((item) => !ids.has(item.key)).map((item) => item.index));
  if (stale.length > 0) {
    const cache = productIdCacheOf(session);
    for (const item of stale) cache.forget(matchKey, item.key);
    const fresh = await resolveProductIds(
      session,
      matchKey,
      stale.map((item) => item.key),
    );
    for (const item of stale) if (!fresh.has(item.key)) unknown.add(item.index);
    const goneAgain = await putStock(session, stale, fresh);
    for (const item of goneAgain) unknown.add(item.index);
  }
  return pushes.map((push, index) => ({
    sku: push.sku,
    outcome: unknown.has(index) ? 'unknown-article' : 'updated',
  }));
}
