/**
 * The Asperion `stockSource` capability (`@koppel/connector-sdk` stock.ts): `GET /v1/articles`
 * page by page (`page`, `pageSize`, `_meta.nextPage`) through the same OAuth session and rate
 * limit as the invoice steps. Only active articles (Asperion's default); no warehouses and no
 * change feed (README "Stock").
 */
import type { StockReading, StockSourceCapability } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { AsperionSession } from '../session.js';
import { toReading } from './decode-stock.js';
import { articleStockPageSchema } from './stock-schemas.js';

/** Articles per page (the simulator allows up to 100; Asperion documents no maximum). */
export const ARTICLES_PER_PAGE = 100;

export async function readArticleStock(
  session: AsperionSession,
  page: string | undefined,
  pageSize = ARTICLES_PER_PAGE,
): Promise<{ readings: StockReading[]; next?: string }> {
  const number = page ?? '1';
  if (!/^[1-9]\d*$/.test(number))
    throw appError('VALIDATION_FAILED', `"${page}" is not an Asperion page number`, { field: 'page' });
  const answer = await session.client.request({
    method: 'GET',
    path: '/v1/articles',
    query: { page: number, pageSize: String(pageSize) },
    schema: articleStockPageSchema,
    what: 'article stock read',
  });
  const readAt = new Date();
  const readings = answer._data.flatMap((article) => toReading(article, readAt) ?? []);
  return answer._meta.nextPage ? { readings, next: String(Number(number) + 1) } : { readings };
}

const source: StockSourceCapability<AsperionSession> = {
  // Asperion keeps one stock per article: every scope reads it (warehouse '').
  readAll: (session, _scope, page) => readArticleStock(session, page),
};

export const asperionStockSource: StockSourceCapability<AsperionSession> = Object.freeze(source);
