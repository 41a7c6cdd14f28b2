/**
 * The AccountView `stockSource` capability (`@koppel/connector-sdk` stock.ts): articles of `AK1`
 * read through the same Web API, OAuth and rate limit as the debtor and document steps, in
 * `REC_ID` keyset pages (`lastKey`, AV-RUBY `check_next`). No change feed: `CNG_DATE` does not
 * move when a sales order reserves stock, so the pipeline reads everything and sends what changed.
 * README "Stock".
 */
import type { StockReading, StockSourceCapability } from '@koppel/connector-sdk';
import type { AccountviewSession } from '../session.js';
import { toReading } from './decode-stock.js';
import { articleStockPageSchema } from './stock-schemas.js';

/** Articles per page (`PageSize`; AccountView clients use up to 1000). */
export const ARTICLES_PER_PAGE = 500;

const FIELDS = ['REC_ID', 'ART_CODE', 'QTY_AVAIL', 'QTY_TECH', 'CNG_DATE'].map(
  (f) => `article.${f.toLowerCase()}`,
);

export async function readArticleStock(
  session: AccountviewSession,
  page: string | undefined,
  pageSize = ARTICLES_PER_PAGE,
): Promise<{ readings: StockReading[]; next?: string }> {
  const query = new URLSearchParams({
    BusinessObject: 'AK1',
    PageSize: String(pageSize),
    Fields: FIELDS.join(','),
  });
  if (page !== undefined) query.set('lastKey', page);
  const { ARTICLE: rows } = await session.client.get(
    `/accountviewdata?${query}`,
    articleStockPageSchema,
    'article stock read',
  );
  const readAt = new Date();
  const readings = rows.flatMap((row) => toReading(row, session.settings.timeZone, readAt) ?? []);
  const last = rows.at(-1)?.REC_ID;
  return rows.length >= pageSize && last !== undefined && last !== page
    ? { readings, next: last }
    : { readings };
}

const source: StockSourceCapability<AccountviewSession> = {
  // AK1 has no warehouse dimension: every scope reads the articles' totals (warehouse '').
  readAll: (session, _scope, page) => readArticleStock(session, page),
};

export const accountviewStockSource: StockSourceCapability<AccountviewSession> = Object.freeze(source);
