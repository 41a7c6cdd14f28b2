/**
 * `readAll` of the Mplus stock source: the catalogue paged with `getProducts` by sync marker
 * (https://developers.mpluskassa.nl: start at 0, continue after the highest marker seen), then
 * `getStock` of that page's stock articles in every branch of the scope. The page token is the
 * last product's sync marker; an article and all its branches stay on one page.
 */
import type { StockReadPage, StockScope } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { MplusSession } from '../session.js';
import { skusOfArticle, tableSkusByArticle } from './article-skus.js';
import { type ArticleNames, readBranchStock } from './read-stock.js';
import { branchesOf } from './stock-scope.js';
import { productPageResponse } from './stock-schemas.js';

/** Products per `getProducts` page (`syncMarkerLimit`). */
export const PRODUCTS_PER_PAGE = 100;

export async function readAllStock(
  session: MplusSession,
  scope: StockScope,
  page: string | undefined,
  now: () => Date,
  productsPerPage = PRODUCTS_PER_PAGE,
): Promise<StockReadPage> {
  const after = page === undefined ? '0' : page;
  if (!/^\d+$/.test(after))
    throw appError('VALIDATION_FAILED', `"${page}" is not an Mplus stock page`, { field: 'page' });
  const branches = await branchesOf(session, scope);
  const answer = await session.client.call(
    'getProducts',
    { request: { syncMarker: after, syncMarkerLimit: productsPerPage } },
    productPageResponse,
    'catalogue page for stock',
  );
  const table = tableSkusByArticle(session.settings);
  const articles = new Map<string, ArticleNames>();
  for (const product of answer.productList) {
    for (const article of product.articleList) {
      if (article.stockArticle === 'false' || article.stockArticle === '0') continue;
      articles.set(article.articleNumber, {
        skus: skusOfArticle(article, session.settings, table),
        ean: article.barcode,
      });
    }
  }
  const readings = await readBranchStock(session, branches, articles, now());
  const last = answer.productList.at(-1)?.syncMarker;
  const full = answer.productList.length >= productsPerPage;
  return full && last !== undefined && last !== after ? { readings, next: last } : { readings };
}
