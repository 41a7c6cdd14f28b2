/**
 * Fills the article index. The first read pages through every article (`limit=100`, the
 * documented maximum, by `offset` until a short page). Later, a SKU or EAN the index lacks makes
 * it read only the articles created since the previous read (`created_start_date`, shop time,
 * with a minute of overlap), at most once per REREAD_AFTER_MS, so an unknown article does not
 * re-read the shop on every push. README.md "Stock".
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import { mijnwebwinkelErrors } from '../errors.js';
import { toShopLocal } from '../shop-time.js';
import { stockArticlePageSchema } from './article-schemas.js';
import type { MijnwebwinkelStock } from './stock-session.js';

export const PAGE_LIMIT = 100;
/** A missing article re-reads new articles at most this often. */
export const REREAD_AFTER_MS = 60_000;
const OVERLAP_MS = 60_000;

async function readPages(stock: MijnwebwinkelStock, filter: Record<string, string>): Promise<void> {
  for (let offset = 0; ; offset += PAGE_LIMIT) {
    const page = stockArticlePageSchema.safeParse(
      await stock.client.articles({ ...filter, limit: String(PAGE_LIMIT), offset: String(offset) }),
    );
    if (!page.success)
      throw mijnwebwinkelErrors.badResponse(`the article list at offset ${offset} is no list of articles`);
    stock.index.add(page.data);
    if (page.data.length < PAGE_LIMIT) return;
  }
}

/** Reads the catalogue when the index has never been filled, or new articles when it is due. */
export async function refreshIndex(stock: MijnwebwinkelStock, missing: boolean): Promise<void> {
  const startedAt = stock.now();
  if (stock.readAt === undefined) {
    await readPages(stock, {});
  } else if (missing && startedAt - stock.readAt >= REREAD_AFTER_MS) {
    const since = toShopLocal(new Date(stock.readAt - OVERLAP_MS), stock.timeZone);
    await readPages(stock, { created_start_date: since });
  } else {
    return;
  }
  stock.readAt = startedAt;
}
