/**
 * Hashes that tell whether a product changed since it was last sent: one over everything the
 * shop receives (`contentHash`), one over what an existing product still gets when the
 * connection's "update product information" is off (`priceHash`). JSON with sorted keys, so the
 * hash does not depend on the order a source lists fields in; `changedAt` is left out (a source
 * touching a product without changing it sends nothing).
 */
import { createHash } from 'node:crypto';
import type { CatalogProduct } from '@koppel/connector-sdk';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

const sha256 = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');

export function contentHashOf(product: CatalogProduct): string {
  const { changedAt: _changedAt, ...content } = product;
  return sha256(content);
}

export function priceHashOf(product: CatalogProduct): string {
  return sha256({
    sku: product.sku,
    currency: product.currency,
    net: product.priceNetMinor,
    gross: product.priceGrossMinor,
    vat: product.vatRateBp,
    priceGroups: product.priceGroups,
    variants: product.variants.map((v) => ({ sku: v.sku, net: v.priceNetMinor, gross: v.priceGrossMinor })),
  });
}
