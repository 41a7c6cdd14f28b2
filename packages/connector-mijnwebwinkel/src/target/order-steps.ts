/**
 * The shop order: look-up before create, SKU check, create. The API cannot filter orders by a
 * reference or comment, so the look-up pages through the customer's orders since the till
 * order's day (`debtor_email`, `start_date`, newest first, `limit`/`offset`) and matches the
 * `Koppel: <till reference>` line of `comments.internal` that every order Koppel creates carries
 * (assumptions.ts). The store's currency and business models are read first (`GET /store`).
 */
import type { CanonicalOrder } from '@koppel/contracts';
import { LineKind } from '@koppel/contracts';
import type { PreparedDocument, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { z } from 'zod';
import {
  ARTICLE_MAX_PAGES,
  ARTICLE_PAGE_LIMIT,
  LOOKUP_MAX_PAGES,
  LOOKUP_PAGE_LIMIT,
  ORDER_QUERY,
} from './assumptions.js';
import type { MijnwebwinkelOrderBody } from './order-body.js';
import { referenceLine } from './prepare-order.js';
import { allowedBusinessModel, assertStoreCurrency, readStore } from './store-steps.js';
import { articleRefSchema, type ListedShopOrder, listedShopOrderSchema } from './target-api-schemas.js';
import { mijnwebwinkelTargetErrors } from './target-errors.js';
import type { MijnwebwinkelTargetSession } from './target-session.js';

const listedShopOrdersSchema = z.array(listedShopOrderSchema);
const articleRefsSchema = z.array(articleRefSchema);

function toDocument(order: ListedShopOrder): TargetDocument {
  return { targetId: order.uuid, number: order.number };
}

function carriesReference(order: ListedShopOrder, reference: string): boolean {
  const wanted = referenceLine(reference);
  return order.comments.split('\n').some((line) => line.trim() === wanted);
}

export async function findShopOrder(
  session: MijnwebwinkelTargetSession,
  prepared: PreparedDocument<MijnwebwinkelOrderBody>,
): Promise<TargetDocument | null> {
  // Before any write: an order the store cannot take in its currency is refused here.
  assertStoreCurrency(await readStore(session), prepared.body.currency);
  for (let page = 0; page < LOOKUP_MAX_PAGES; page += 1) {
    const answer = await session.client.request({
      method: 'GET',
      path: '/orders',
      query: {
        debtor_email: prepared.body.debtor.email,
        start_date: prepared.body.searchFrom,
        ordering: 'desc',
        limit: String(LOOKUP_PAGE_LIMIT),
        offset: String(page * LOOKUP_PAGE_LIMIT),
      },
    });
    const parsed = listedShopOrdersSchema.safeParse(answer);
    if (!parsed.success) {
      throw mijnwebwinkelTargetErrors.badResponse(
        'Mijnwebwinkel answered GET /orders with an unexpected body',
        parsed.error,
      );
    }
    const found = parsed.data.find((order) => carriesReference(order, prepared.number));
    if (found) return toDocument(found);
    if (parsed.data.length < LOOKUP_PAGE_LIMIT) return null;
  }
  // Not searched to the end: creating could book the till order twice.
  throw mijnwebwinkelTargetErrors.invalidOrder(
    `the customer has more than ${LOOKUP_MAX_PAGES * LOOKUP_PAGE_LIMIT} shop orders since the till order; Koppel cannot rule out that it was booked already`,
    'customer.email',
  );
}

/** SKU → internal article id, paging `GET /articles` (no SKU filter in the spec). */
export async function articleIdsBySku(session: MijnwebwinkelTargetSession): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let page = 0; page < ARTICLE_MAX_PAGES; page += 1) {
    const answer = await session.client.request({
      method: 'GET',
      path: '/articles',
      query: { limit: String(ARTICLE_PAGE_LIMIT), offset: String(page * ARTICLE_PAGE_LIMIT) },
    });
    const parsed = articleRefsSchema.safeParse(answer);
    if (!parsed.success) {
      throw mijnwebwinkelTargetErrors.badResponse(
        'Mijnwebwinkel answered GET /articles with an unexpected body',
        parsed.error,
      );
    }
    for (const article of parsed.data)
      if (article.sku !== '' && !ids.has(article.sku)) ids.set(article.sku, article.id);
    if (parsed.data.length < ARTICLE_PAGE_LIMIT) return ids;
  }
  return ids;
}

export async function findMissingArticles(
  session: MijnwebwinkelTargetSession,
  order: CanonicalOrder,
): Promise<string[]> {
  const ids = await articleIdsBySku(session);
  const skus = order.lines.filter((line) => line.kind === LineKind.PRODUCT).map((line) => line.sku);
  return [...new Set(skus.filter((sku) => !ids.has(sku)))];
}

export async function createShopOrder(
  session: MijnwebwinkelTargetSession,
  prepared: PreparedDocument<MijnwebwinkelOrderBody>,
  debtor: TargetDebtor,
): Promise<TargetDocument> {
  const ids = await articleIdsBySku(session);
  const { totalGrossCents: _total, currency, searchFrom: _from, ...postable } = prepared.body;
  const store = await readStore(session);
  assertStoreCurrency(store, currency);
  const businessModel = allowedBusinessModel(store, postable.business_model);
  const { reference, ...rest } = postable;
  const body = { ...rest, business_model: businessModel, ...(businessModel === 'B2B' ? { reference } : {}) };
  const orderlines = body.orderlines.map((line, index) => {
    if (line.type === 'custom') return line;
    const id = ids.get(line.sku);
    if (id === undefined) {
      throw mijnwebwinkelTargetErrors.invalidOrder(
        `the shop has no article with SKU ${line.sku}`,
        `lines[${index}].sku`,
      );
    }
    return {
      type: 'article',
      quantity: line.quantity,
      price_override: line.price_override,
      articles: [{ id }],
    };
  });
  const answer = await session.client.request({
    method: 'POST',
    path: '/orders',
    query: { ...ORDER_QUERY },
    body: { ...body, debtor: { ...body.debtor, id: debtor.targetId }, orderlines },
  });
  const parsed = listedShopOrderSchema.safeParse(answer);
  if (!parsed.success) {
    throw mijnwebwinkelTargetErrors.badResponse(
      'Mijnwebwinkel answered POST /orders with an unexpected body',
      parsed.error,
    );
  }
  return toDocument(parsed.data);
}
