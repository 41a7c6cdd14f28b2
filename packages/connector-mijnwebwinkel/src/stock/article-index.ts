/**
 * Where a SKU or EAN lives in a Mijnwebwinkel shop: an article, or one variant of an article.
 * The API has no `sku` filter on `/articles` (README.md "Stock"), so the sink reads the catalogue
 * and keeps this index per session. Pure.
 */
import { barcodeOf, type StockArticle } from './article-schemas.js';

export type ArticleRef = { articleId: number; variantId?: number };

export type ArticleIndex = {
  get(matchKey: 'sku' | 'ean', value: string): ArticleRef | undefined;
  forget(matchKey: 'sku' | 'ean', value: string): void;
  add(articles: readonly StockArticle[]): void;
  size(): number;
};

export function createArticleIndex(): ArticleIndex {
  const maps = { sku: new Map<string, ArticleRef>(), ean: new Map<string, ArticleRef>() };
  const put = (matchKey: 'sku' | 'ean', value: string | undefined, ref: ArticleRef) => {
    if (value !== undefined && value !== '') maps[matchKey].set(value, ref);
  };
  return {
    get: (matchKey, value) => maps[matchKey].get(value),
    forget: (matchKey, value) => {
      maps[matchKey].delete(value);
    },
    add(articles) {
      for (const article of articles) {
        const ref = { articleId: article.id };
        put('sku', article.sku, ref);
        put('ean', barcodeOf(article.extra), ref);
        for (const variant of article.variants) {
          const variantRef = { articleId: article.id, variantId: variant.id };
          put('sku', variant.sku, variantRef);
          put('ean', barcodeOf(variant.extra), variantRef);
        }
      }
    },
    size: () => maps.sku.size + maps.ean.size,
  };
}
