/**
 * Pure: one AccountView article as a `CatalogProduct` (README "Products"). `PX_SELL` is taken as
 * the sales price excl. VAT [I] in the books' currency, the VAT rate comes from the article's
 * `VAT_CODE` in VA1, the article group (`AG_CODE`) is the product group and, by its `AG_DESC`,
 * the product's category. An inline image (`IMG_M_DATA`, base64) becomes a `data:` URL; an
 * `IMG_MEDIUM` that is a URL is passed on as one.
 */
import { type CatalogProduct, decimalToHundredths } from '@koppel/connector-sdk';
import type { ArticleRow } from './article-schemas.js';

/** A decimal (JSON number or text) in minor units, half up; undefined when it is no number. */
export const toMinorUnits = decimalToHundredths;

/** A VAT percentage (21, "9.00") in basis points. */
export const toBasisPoints = decimalToHundredths;

const MAGIC: readonly [string, string][] = [
  ['iVBOR', 'image/png'],
  ['/9j/', 'image/jpeg'],
  ['R0lGOD', 'image/gif'],
  ['UklGR', 'image/webp'],
];

function imagesOf(row: ArticleRow): string[] {
  const images: string[] = [];
  if (row.IMG_M_DATA) {
    const data = row.IMG_M_DATA.replace(/\s+/g, '');
    const type = MAGIC.find(([prefix]) => data.startsWith(prefix))?.[1] ?? 'application/octet-stream';
    images.push(`data:${type};base64,${data}`);
  }
  if (row.IMG_MEDIUM && /^https?:\/\//i.test(row.IMG_MEDIUM)) images.push(row.IMG_MEDIUM);
  return images;
}

/** `2025-03-01T10:00:00` (local, no zone) read as that wall-clock time in UTC; epoch 0 when absent. */
function changedAtOf(value: string | undefined): Date {
  const parsed = value ? new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`) : new Date(0);
  return Number.isNaN(parsed.getTime()) ? new Date(0) : parsed;
}

const isBlocked = (value: ArticleRow['REC_BLK']) =>
  value === true || value === 1 || (typeof value === 'string' && /^(true|t|1|\.t\.)$/i.test(value.trim()));

export function mapArticle(
  row: ArticleRow,
  context: {
    currency: string;
    groupNames: ReadonlyMap<string, string>;
    vatRates: ReadonlyMap<string, number>;
  },
): CatalogProduct {
  const group = row.AG_CODE;
  const groupName = group === undefined ? undefined : (context.groupNames.get(group) ?? group);
  return {
    sku: row.ART_CODE,
    ean: row.BAR_CODE,
    name: row.ART_DESC1 ?? row.ART_CODE,
    shortDescription: row.ART_DESC2,
    priceNetMinor: toMinorUnits(row.PX_SELL),
    currency: context.currency,
    vatRateBp: row.VAT_CODE === undefined ? undefined : context.vatRates.get(row.VAT_CODE),
    group,
    categories: groupName === undefined ? [] : [[groupName]],
    images: imagesOf(row),
    characteristics: {},
    priceGroups: {},
    variants: [],
    active: !isBlocked(row.REC_BLK),
    changedAt: changedAtOf(row.CNG_DATE),
  };
}
