/**
 * Hashes that tell whether a product changed since it was last sent: one over everything the
 * shop receives (`contentHash`), one over what an existing product still gets when the
 * connection's "update product information" is off (`priceHash`), both `contentDigest`s (JSON
 * with sorted keys), so a hash does not depend on the order a source lists fields in; `changedAt`
 * is left out (a source touching a product without changing it sends nothing).
 */
import { type CatalogProduct, contentDigest } from '@koppel/connector-sdk';

export function contentHashOf(product: CatalogProduct): string {
  const { changedAt: _changedAt, ...content } = product;
  return contentDigest(content);
}

export function priceHashOf(product: CatalogProduct): string {
  return contentDigest({
    sku: product.sku,
    currency: product.currency,
    net: product.priceNetMinor,
    gross: product.priceGrossMinor,
    vat: product.vatRateBp,
    priceGroups: product.priceGroups,
    variants: product.variants.map((v) => ({ sku: v.sku, net: v.priceNetMinor, gross: v.priceGrossMinor })),
  });
}
