/**
 * The AccountView product source (README "Products"): articles (`AK1`) page by page with
 * `PageNumber`/`PageSize` in `REC_ID` order, incrementally with the documented
 * `CNG_DATE DateOnOrAfterDate` filter (AV-PHP), their groups (`AG1`) as categories and VAT codes
 * (`VA1`) for the rate. The page token is the next page number.
 */
import type { CatalogPage, ProductSourceCapability } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { toLocalDate } from '../local-date.js';
import type { AccountviewSession } from '../session.js';
import {
  articleGroupsSchema,
  articlePageSchema,
  articleRowSchema,
  vatCodesSchema,
} from './article-schemas.js';
import { mapArticle, toBasisPoints } from './map-article.js';

/** Articles per page (AccountView clients use 1..1000). */
export const ARTICLE_PAGE_SIZE = 500;

/**
 * AccountView keeps local times without zone; a change at the edge of the window is read again
 * rather than missed (the sync's content hash skips what did not change).
 */
const CHANGED_SINCE_MARGIN_MS = 24 * 60 * 60 * 1000;

const query = (params: Record<string, string>) => `/accountviewdata?${new URLSearchParams(params)}`;

async function lookups(session: AccountviewSession) {
  const [groups, vat] = await Promise.all([
    session.client.get(
      query({ BusinessObject: 'AG1', PageSize: '1000' }),
      articleGroupsSchema,
      'article groups',
    ),
    session.client.get(query({ BusinessObject: 'VA1', PageSize: '1000' }), vatCodesSchema, 'VAT codes'),
  ]);
  const groupNames = new Map<string, string>();
  for (const g of groups.ART_GRP) if (g.AG_CODE) groupNames.set(g.AG_CODE, g.AG_DESC ?? g.AG_CODE);
  const vatRates = new Map<string, number>();
  for (const v of vat.VAT) {
    const bp = toBasisPoints(v.VAT_PCT);
    if (v.VAT_CODE && bp !== undefined) vatRates.set(v.VAT_CODE, bp);
  }
  return { groupNames, vatRates };
}

export const accountviewProductSource: ProductSourceCapability<AccountviewSession> = {
  async read(session, options): Promise<CatalogPage> {
    const pageNumber = options.page === undefined ? 1 : Number(options.page);
    if (!Number.isSafeInteger(pageNumber) || pageNumber < 1) {
      throw appError('VALIDATION_FAILED', `not an AccountView article page: ${options.page}`, {
        field: 'page',
      });
    }
    const params: Record<string, string> = {
      BusinessObject: 'AK1',
      PageSize: String(ARTICLE_PAGE_SIZE),
      PageNumber: String(pageNumber),
    };
    if (options.changedSince) {
      const from = new Date(options.changedSince.getTime() - CHANGED_SINCE_MARGIN_MS);
      const local = toLocalDate(from, session.settings.timeZone).dateTime.replace('T', ' ');
      Object.assign(params, {
        FilterControlSource1: 'CNG_DATE',
        FilterOperator1: 'DateOnOrAfterDate',
        FilterValueType1: 'T',
        FilterValue1: `{^${local}}`,
      });
    }
    const [page, context] = await Promise.all([
      session.client.get(query(params), articlePageSchema, `articles page ${pageNumber}`),
      lookups(session),
    ]);
    const products = page.ARTICLE.flatMap((raw) => {
      const row = articleRowSchema.safeParse(raw);
      // An article without a code cannot be matched in any shop: it is left out, not guessed.
      return row.success
        ? [mapArticle(row.data, { currency: session.settings.bookCurrency, ...context })]
        : [];
    });
    const full = page.ARTICLE.length >= ARTICLE_PAGE_SIZE;
    return { products, next: full ? String(pageNumber + 1) : undefined };
  },
};
