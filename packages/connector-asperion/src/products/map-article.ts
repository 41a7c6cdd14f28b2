/**
 * Pure: one Asperion article as a `CatalogProduct` (README "Products"): `code` is the SKU,
 * `salesPrice` the net price [I] in euro cents (half up), the VAT rate from the article's
 * `vatCode` in `/v1/vatcodes`. Asperion has no groups, images or variants in the API known.
 */
import type { CatalogProduct } from '@koppel/connector-sdk';
import type { AsperionArticle } from './article-schemas.js';

export function toCents(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const padded = `${fraction}000`;
  let cents = BigInt(whole ?? '0') * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1n;
  return Number(sign === '-' ? -cents : cents);
}

export function mapArticle(
  article: AsperionArticle,
  context: { currency: string; vatRates: ReadonlyMap<string, number>; readAt: Date },
): CatalogProduct {
  return {
    sku: article.code,
    ean: article.ean,
    name: article.description ?? article.code,
    priceNetMinor: toCents(article.salesPrice),
    currency: context.currency,
    vatRateBp: article.vatCode === undefined ? undefined : context.vatRates.get(article.vatCode),
    categories: [],
    images: [],
    characteristics: {},
    priceGroups: {},
    variants: [],
    active: (article.activeState ?? 'Active').toLowerCase() === 'active',
    changedAt: context.readAt,
  };
}
