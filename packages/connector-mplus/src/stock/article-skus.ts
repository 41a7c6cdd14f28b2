/**
 * Mplus article → the SKUs the shop knows it by: the order direction (`resolve-article.ts`,
 * README "Numeric article numbers") reversed. An article that is the target of the connection's
 * `articleNumbers` table is known by those SKUs; otherwise, with `lookupSkuAsPlu`, by its PLU when
 * that is not numeric (a numeric SKU is an article number in the order direction); otherwise by its
 * number. Pure.
 */
import type { MplusSettings } from '../settings.js';

export type ArticleSkuSettings = Pick<MplusSettings, 'articleNumbers' | 'lookupSkuAsPlu'>;

const NUMERIC = /^[1-9]\d{0,17}$/;

/** Article number → the table's SKUs for it, built once per read. */
export function tableSkusByArticle(settings: ArticleSkuSettings): Map<string, string[]> {
  const byArticle = new Map<string, string[]>();
  for (const [sku, articleNumber] of Object.entries(settings.articleNumbers)) {
    byArticle.set(articleNumber, [...(byArticle.get(articleNumber) ?? []), sku]);
  }
  return byArticle;
}

export function skusOfArticle(
  article: { articleNumber: string; pluNumber?: string | undefined },
  settings: ArticleSkuSettings,
  table: ReadonlyMap<string, readonly string[]>,
): string[] {
  const mapped = table.get(article.articleNumber);
  if (mapped && mapped.length > 0) return [...mapped];
  const plu = article.pluNumber?.trim();
  if (settings.lookupSkuAsPlu && plu && !NUMERIC.test(plu)) return [plu];
  return [article.articleNumber];
}
