/**
 * Finds the Shoprenter product ids of article codes or barcodes, through the session's cache.
 * - SKU: `GET /products?sku=` is a documented filter, so unknown SKUs are looked up 200 at a
 *   time as GET sub-requests of one `/batch` call (one request against the 3/s limit).
 * - EAN (`gtin`): there is no `gtin` filter, so the catalogue is read page by page
 *   (`full=1&limit=200`) and both maps are filled; a barcode still missing triggers a new read
 *   only after EAN_RESCAN_MS, so an unknown EAN does not re-read the shop on every push.
 * https://doc.shoprenter.hu/development/api/04_batch.html, README.md "Stock"
 */
import { shoprenterErrors } from '../errors.js';
import type { ShoprenterSession } from '../poll-orders.js';
import { callBatch, MAX_BATCH_REQUESTS, readSubStatus } from './batch-call.js';
import { productIdOf, productPageSchema } from './batch-schemas.js';
import { productIdCacheOf } from './product-id-cache.js';

/** A catalogue read for barcodes is reused this long before a missing EAN reads it again. */
export const EAN_RESCAN_MS = 10 * 60_000;
/** Documented maximum page size of a collection. */
const PAGE_LIMIT = 200;

/** Ids of the values the shop has (values it lacks are absent from the map). */
export async function resolveProductIds(
  session: ShoprenterSession,
  matchKey: 'sku' | 'ean',
  values: readonly string[],
  now: () => number = Date.now,
): Promise<Map<string, string>> {
  const cache = productIdCacheOf(session);
  const missing = [...new Set(values)].filter((value) => cache.get(matchKey, value) === undefined);
  if (missing.length > 0) {
    if (matchKey === 'sku') await lookUpSkus(session, missing);
    else if (cache.eanScanAt === undefined || now() - cache.eanScanAt >= EAN_RESCAN_MS) {
      await readCatalogue(session);
      cache.eanScanAt = now();
    }
  }
  const found = new Map<string, string>();
  for (const value of values) {
    const id = cache.get(matchKey, value);
    if (id !== undefined) found.set(value, id);
  }
  return found;
}

async function lookUpSkus(session: ShoprenterSession, skus: readonly string[]): Promise<void> {
  const cache = productIdCacheOf(session);
  for (let start = 0; start < skus.length; start += MAX_BATCH_REQUESTS) {
    const chunk = skus.slice(start, start + MAX_BATCH_REQUESTS);
    const answers = await callBatch(
      session,
      chunk.map((sku) => ({ method: 'GET' as const, path: `/products?sku=${encodeURIComponent(sku)}` })),
    );
    for (const [index, answer] of answers.entries()) {
      const sku = chunk[index] ?? '';
      if (readSubStatus(answer, `the look-up of SKU ${sku}`) === 'not-found') continue;
      const page = productPageSchema.safeParse(answer.response.body);
      if (!page.success) throw shoprenterErrors.badResponse(`the look-up of SKU ${sku} is no collection`);
      const first = page.data.items[0];
      if (first) cache.set('sku', sku, productIdOf(first));
    }
  }
}

async function readCatalogue(session: ShoprenterSession): Promise<void> {
  const cache = productIdCacheOf(session);
  for (let page = 0; ; page += 1) {
    const query = { full: '1', limit: String(PAGE_LIMIT), page: String(page) };
    const parsed = productPageSchema.safeParse(await session.client.get('/products', query));
    if (!parsed.success) throw shoprenterErrors.badResponse(`products page ${page} is no collection`);
    for (const item of parsed.data.items) {
      const id = productIdOf(item);
      if (item.sku) cache.set('sku', item.sku, id);
      if (item.gtin) cache.set('ean', item.gtin, id);
    }
    if (parsed.data.next === null || parsed.data.next === undefined || parsed.data.items.length === 0) return;
  }
}
