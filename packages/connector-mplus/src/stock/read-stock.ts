/**
 * `getStock` for a set of articles in each branch (WSDL `GetStockRequest`: `branchNumber`
 * required, `articleNumbers { articleNumbers[] }`), turned into readings with the SKUs the shop
 * knows. One call per branch: the readings of an article in every branch come back together.
 */
import type { StockReading } from '@koppel/connector-sdk';
import type { MplusSession } from '../session.js';
import { toReadings } from './decode-stock.js';
import { getStockResponse } from './stock-schemas.js';

/** What the shop knows an article by (`article-skus.ts`) and its barcode. */
export type ArticleNames = { skus: readonly string[]; ean?: string | undefined };

export async function readBranchStock(
  session: MplusSession,
  branches: readonly number[],
  articles: ReadonlyMap<string, ArticleNames>,
  readAt: Date,
): Promise<StockReading[]> {
  if (articles.size === 0) return [];
  const articleNumbers = [...articles.keys()];
  const readings: StockReading[] = [];
  for (const branchNumber of branches) {
    const answer = await session.client.call(
      'getStock',
      { request: { branchNumber, articleNumbers: { articleNumbers } } },
      getStockResponse,
      `stock of branch ${branchNumber}`,
    );
    for (const stock of answer.articleStocks) {
      const names = articles.get(stock.articleNumber);
      if (names) readings.push(...toReadings(stock, names, readAt));
    }
  }
  return readings;
}
