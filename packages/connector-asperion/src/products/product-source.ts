/**
 * The Asperion product source (README "Products"): `GET /v1/articles` page by page
 * (`page`, `pageSize`, `_meta.pageCount`), inactive ones included (`ActiveState=All`, so a
 * deactivated article reaches the shop as inactive). No change filter is known: every run reads
 * the whole list and the sync's content hash skips what did not change.
 */
import type { CatalogPage, CatalogProduct, ProductSourceCapability } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { AsperionSession } from '../session.js';
import { articlePageSchema, asperionArticleSchema, vatCodeSchema } from './article-schemas.js';
import { mapArticle, toCents } from './map-article.js';

/** Articles per page. */
export const ARTICLE_PAGE_SIZE = 100;

/** Asperion administrations book in euro (notes: no currency in the API). */
export const ASPERION_CATALOG_CURRENCY = 'EUR';

export const asperionProductSource: ProductSourceCapability<AsperionSession> = {
  async read(session, options): Promise<CatalogPage> {
    const page = options.page === undefined ? 1 : Number(options.page);
    if (!Number.isSafeInteger(page) || page < 1) {
      throw appError('VALIDATION_FAILED', `not an Asperion article page: ${options.page}`, { field: 'page' });
    }
    const [answer, vatCodes] = await Promise.all([
      session.client.request({
        method: 'GET',
        path: '/v1/articles',
        query: { page: String(page), pageSize: String(ARTICLE_PAGE_SIZE), ActiveState: 'All' },
        schema: articlePageSchema,
        what: `articles page ${page}`,
      }),
      session.client.list('/v1/vatcodes', {}, vatCodeSchema, 'VAT codes'),
    ]);
    const vatRates = new Map(
      vatCodes.flatMap((v) => {
        const bp = toCents(v.percentage);
        return bp === undefined ? [] : [[v.id, bp] as const];
      }),
    );
    const readAt = new Date();
    const products = answer._data.flatMap((raw): CatalogProduct[] => {
      const article = asperionArticleSchema.safeParse(raw);
      return article.success
        ? [mapArticle(article.data, { currency: ASPERION_CATALOG_CURRENCY, vatRates, readAt })]
        : [];
    });
    const pageCount = answer._meta?.pageCount;
    const more =
      pageCount !== undefined && pageCount !== null ? page < pageCount : Boolean(answer._meta?.nextPage);
    return { products, next: more ? String(page + 1) : undefined };
  },
};
