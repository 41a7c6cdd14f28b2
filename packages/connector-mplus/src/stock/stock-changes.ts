/**
 * `readChanges` of the Mplus stock source: `getStockHistory` with `sinceStockId` as the change
 * feed (the vendor's sync-marker pattern, https://developers.mpluskassa.nl/tutorials/stock), then
 * the current figures of the changed articles in every branch of the scope (`getStock`), so a
 * sum over branches stays right. The marker is a stockId, one global counter of the tenant.
 */
import type { StockReading, StockScope } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { MplusSession } from '../session.js';
import { skusOfArticle, tableSkusByArticle } from './article-skus.js';
import { type ArticleNames, readBranchStock } from './read-stock.js';
import { branchesOf } from './stock-scope.js';
import { getStockHistoryResponse, getStockResponse, productPageResponse } from './stock-schemas.js';

/** History rows per branch and call (`sinceStockIdLimit`). */
export const HISTORY_ROWS_PER_CALL = 500;

/** The highest stockId of the scope's stock now: only later changes are read. */
export async function initialStockMarker(session: MplusSession, scope: StockScope): Promise<string> {
  let highest = 0n;
  for (const branchNumber of await branchesOf(session, scope)) {
    const answer = await session.client.call(
      'getStock',
      { request: { branchNumber, articleNumbers: {} } },
      getStockResponse,
      `stock marker of branch ${branchNumber}`,
    );
    for (const stock of answer.articleStocks)
      if (BigInt(stock.stockId) > highest) highest = BigInt(stock.stockId);
  }
  return String(highest);
}

export async function readStockChanges(
  session: MplusSession,
  scope: StockScope,
  marker: string,
  now: () => Date,
  rowsPerCall = HISTORY_ROWS_PER_CALL,
): Promise<{ readings: StockReading[]; next: string; more: boolean }> {
  if (!/^\d+$/.test(marker))
    throw appError('VALIDATION_FAILED', `"${marker}" is not an Mplus stockId`, { field: 'marker' });
  const branches = await branchesOf(session, scope);
  const changed = new Set<string>();
  let highest = BigInt(marker);
  let limitedAt: bigint | undefined;
  for (const branchNumber of branches) {
    const { articleStockHistory: rows } = await session.client.call(
      'getStockHistory',
      { request: { branchNumber, sinceStockId: marker, sinceStockIdLimit: rowsPerCall } },
      getStockHistoryResponse,
      `stock changes of branch ${branchNumber}`,
    );
    for (const row of rows) {
      changed.add(row.articleNumber);
      if (BigInt(row.stockId) > highest) highest = BigInt(row.stockId);
    }
    const last = rows.at(-1);
    // A full answer may have more rows after its last one: the marker may not pass that row.
    if (rows.length >= rowsPerCall && last) {
      const at = BigInt(last.stockId);
      if (limitedAt === undefined || at < limitedAt) limitedAt = at;
    }
  }
  const articles = await namesOf(session, [...changed]);
  const readings = await readBranchStock(session, branches, articles, now());
  return { readings, next: String(limitedAt ?? highest), more: limitedAt !== undefined };
}

async function namesOf(session: MplusSession, articleNumbers: string[]): Promise<Map<string, ArticleNames>> {
  const names = new Map<string, ArticleNames>();
  if (articleNumbers.length === 0) return names;
  const answer = await session.client.call(
    'getProducts',
    { request: { articleNumbers } },
    productPageResponse,
    'changed articles',
  );
  const table = tableSkusByArticle(session.settings);
  for (const product of answer.productList) {
    for (const article of product.articleList) {
      if (!articleNumbers.includes(article.articleNumber)) continue;
      names.set(article.articleNumber, {
        skus: skusOfArticle(article, session.settings, table),
        ean: article.barcode,
      });
    }
  }
  return names;
}
