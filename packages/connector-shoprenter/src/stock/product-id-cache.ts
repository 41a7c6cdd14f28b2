/**
 * Which Shoprenter product id an article code (SKU) or barcode (EAN, the product's `gtin`) names,
 * remembered for the life of one session so a sync looks each article up once. Shoprenter's FAQ
 * says not to build resource ids ourselves but to search by `sku`:
 * https://doc.shoprenter.hu/development/app-development/02_faq.html
 */
export type ProductIdCache = {
  get(matchKey: 'sku' | 'ean', value: string): string | undefined;
  set(matchKey: 'sku' | 'ean', value: string, productId: string): void;
  /** Forgets a value whose product answered 404 (deleted, or recreated under another id). */
  forget(matchKey: 'sku' | 'ean', value: string): void;
  /** When the whole catalogue was last read for EANs (epoch ms), undefined if never. */
  eanScanAt: number | undefined;
};

export function createProductIdCache(): ProductIdCache {
  const maps = { sku: new Map<string, string>(), ean: new Map<string, string>() };
  return {
    get: (matchKey, value) => maps[matchKey].get(value),
    set: (matchKey, value, productId) => {
      maps[matchKey].set(value, productId);
    },
    forget: (matchKey, value) => {
      maps[matchKey].delete(value);
    },
    eanScanAt: undefined,
  };
}

const caches = new WeakMap<object, ProductIdCache>();

/** The cache of one session (created on first use, dropped with the session). */
export function productIdCacheOf(session: object): ProductIdCache {
  let cache = caches.get(session);
  if (!cache) {
    cache = createProductIdCache();
    caches.set(session, cache);
  }
  return cache;
}
