/**
 * Pure: one Asperion article as a `CatalogProduct` (README "Products"): `code` is the SKU,
 * `salesPrice` the net price [I] in euro cents (half up), the VAT rate from the article's
 * `vatCode` in `/v1/vatcodes`. Asperion has no groups, images or variants in the API known.
 */
import { type CatalogProduct, decimalToHundredths } from '@koppel/connector-sdk';
import type { AsperionArticle } from './article-schemas.js';

/** A decimal (price or VAT percentage) in hundredths, half up; undefined when it is no number. */
export const toCents = decimalToHundredths;

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
