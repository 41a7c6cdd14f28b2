/**
 * Which of an order's SKUs the target knows, asking the target only for those not seen there
 * lately. A found SKU is remembered for `ttlMs` (default 60 s) per session, so a burst of orders
 * for the same products costs one look-up per product, not one per order line. A missing SKU
 * is never remembered: a product created in the target a second ago counts at once. A product
 * deleted in the target within the window is caught by the target refusing the document.
 */
import { LRUCache } from 'lru-cache';

export type KnownProductsOptions = {
  /** How long a found SKU is trusted, in milliseconds (default 60 000; 0 turns the memory off). */
  ttlMs?: number;
  /** Most SKUs remembered per session (default 10 000; the least recently used go first). */
  max?: number;
  /** Clock (tests pin it). */
  now?: () => number;
};

export type KnownProducts = {
  /**
   * The SKUs of `skus` the target does not have. `lookUp` answers whether the target has one
   * SKU; it runs for each SKU not found lately, in order, and its errors pass through.
   */
  missing(skus: readonly string[], lookUp: (sku: string) => Promise<boolean>): Promise<string[]>;
};

export const DEFAULT_KNOWN_PRODUCT_TTL_MS = 60_000;

export function createKnownProducts(options: KnownProductsOptions = {}): KnownProducts {
  const ttlMs = options.ttlMs ?? DEFAULT_KNOWN_PRODUCT_TTL_MS;
  const now = options.now ?? Date.now;
  // The clock is read here rather than by the cache, so a pinned clock is honoured.
  const foundAt = new LRUCache<string, number>({ max: options.max ?? 10_000 });
  const knownLately = (sku: string) => {
    const at = foundAt.get(sku);
    return at !== undefined && now() - at < ttlMs;
  };
  return {
    async missing(skus, lookUp) {
      const missing: string[] = [];
      for (const sku of new Set(skus)) {
        if (knownLately(sku)) continue;
        if (await lookUp(sku)) {
          if (ttlMs > 0) foundAt.set(sku, now());
        } else {
          foundAt.delete(sku);
          missing.push(sku);
        }
      }
      return missing;
    },
  };
}
