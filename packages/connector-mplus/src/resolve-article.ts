/**
 * Shop SKU → Mplus article (README "Numeric article numbers"). Mplus article numbers are
 * `xsd:long`, numeric only, and APIcenter refuses a non-numeric one at the start of the flow
 * (https://support.apicenter.io/hc/en-us/articles/16652882563985-Orders-send-towards-MplusKassa).
 * Order of precedence: the connection's table, a SKU of digits as it is, then (when switched on)
 * the SKU as the article's PLU, looked up in `findMissingProducts`. Anything else stops the order
 * here, in `prepareDocument`, before any write, with a message naming the SKU.
 */
import { type CanonicalOrder, LineKind, type OrderLine } from '@koppel/contracts';
import { mplusError } from './errors.js';
import type { MplusSettings } from './settings.js';

/** A known article number, or a PLU whose article number is looked up before the order is created. */
export type ArticleRef = { articleNumber: string } | { plu: string };

export type ArticleSettings = Pick<
  MplusSettings,
  | 'articleNumbers'
  | 'lookupSkuAsPlu'
  | 'shippingArticleNumber'
  | 'paymentFeeArticleNumber'
  | 'discountArticleNumber'
>;

const NUMERIC = /^[1-9]\d{0,17}$/;

export function resolveProductArticle(
  sku: string,
  settings: ArticleSettings,
  lineNumber: number,
): ArticleRef {
  const trimmed = sku.trim();
  if (trimmed === '') {
    throw mplusError(
      'MPLUS_ARTICLE_NOT_MAPPED',
      `line ${lineNumber} has no SKU, so it has no Mplus article`,
      {
        field: `order.lines[${lineNumber - 1}].sku`,
      },
    );
  }
  const mapped = settings.articleNumbers[trimmed];
  if (mapped !== undefined) return { articleNumber: mapped };
  if (NUMERIC.test(trimmed)) return { articleNumber: trimmed };
  if (settings.lookupSkuAsPlu) return { plu: trimmed };
  throw mplusError(
    'MPLUS_ARTICLE_NOT_MAPPED',
    `SKU "${trimmed}" is not a numeric Mplus article number and is not in the connection's article table; ` +
      'add it to the table (or switch on the PLU look-up) and retry',
    { field: `order.lines[${lineNumber - 1}].sku`, details: { sku: trimmed } },
  );
}

/** The article of any line: products by SKU, other kinds from the connection's settings. */
export function resolveLineArticle(
  line: OrderLine,
  settings: ArticleSettings,
  lineNumber: number,
): ArticleRef {
  if (line.kind === LineKind.PRODUCT || line.kind === LineKind.UNSPECIFIED) {
    return resolveProductArticle(line.sku, settings, lineNumber);
  }
  const [setting, configured] =
    line.kind === LineKind.SHIPPING
      ? ['shippingArticleNumber', settings.shippingArticleNumber]
      : line.kind === LineKind.PAYMENT_FEE
        ? ['paymentFeeArticleNumber', settings.paymentFeeArticleNumber]
        : ['discountArticleNumber', settings.discountArticleNumber];
  if (configured === undefined) {
    throw mplusError(
      'MPLUS_LINE_ARTICLE_NOT_CONFIGURED',
      `line ${lineNumber} ("${line.name}") needs an Mplus article; set ${setting} on the connection`,
      { field: `target.settings.${setting}` },
    );
  }
  return { articleNumber: configured };
}

/** Every product SKU of the order with its article reference (for the product check). */
export function productArticles(
  order: CanonicalOrder,
  settings: ArticleSettings,
): { sku: string; ref: ArticleRef }[] {
  const seen = new Map<string, ArticleRef>();
  order.lines.forEach((line, index) => {
    if (line.kind !== LineKind.PRODUCT && line.kind !== LineKind.UNSPECIFIED) return;
    const sku = line.sku.trim();
    if (!seen.has(sku)) seen.set(sku, resolveProductArticle(sku, settings, index + 1));
  });
  return [...seen.entries()].map(([sku, ref]) => ({ sku, ref }));
}
