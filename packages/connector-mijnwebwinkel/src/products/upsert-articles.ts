/**
 * Creates or updates articles in Mijnwebwinkel by SKU or EAN (README.md "Product sink"). The API
 * has no SKU filter, so products are matched through the session's article index (the stock
 * part's: the catalogue read once, new articles re-read at most once a minute). One call per
 * article (the API has no batch endpoint), paced by the product client. A 404/422 refuses that
 * product with the API's words; 429/5xx/timeouts throw a retryable AppError for the caller to
 * retry the whole call (products are matched first, so a retry updates what a try created).
 */
import type { CatalogProduct, ProductUpsertResult } from '@koppel/connector-sdk';
import { z } from 'zod';
import { mijnwebwinkelErrors } from '../errors.js';
import { refreshIndex } from '../stock/read-catalogue.js';
import { articleListsBody } from './article-lists.js';
import { categoryIdOf } from './category-pages.js';
import { uploadInlineImages } from './image-uploads.js';
import { type ArticlePrices, fullArticleBody, priceBody, saleGroupOf } from './map-article.js';
import { planVariantLists } from './plan-variant-lists.js';
import type { MijnwebwinkelProductSession, MijnwebwinkelProducts } from './product-session.js';
import { formatMinor, shopPriceOf } from './shop-price.js';

export type UpsertOptions = { matchKey: 'sku' | 'ean'; updateProductInfo: boolean };

const articleSchema = z.object({
  id: z.number().int(),
  sku: z.string().optional(),
  extra: z.unknown().optional(),
});
const storeSchema = z.object({ prices_include_tax: z.boolean() });

async function pricesIncludeTax(products: MijnwebwinkelProducts): Promise<boolean> {
  if (products.pricesIncludeTax !== undefined) return products.pricesIncludeTax;
  const answer = await products.client.call('GET', '/store');
  const store = answer.ok ? storeSchema.safeParse(answer.body) : undefined;
  if (!store?.success) throw mijnwebwinkelErrors.badResponse('the store settings have no prices_include_tax');
  products.pricesIncludeTax = store.data.prices_include_tax;
  return products.pricesIncludeTax;
}

function pricesOf(product: CatalogProduct, includeTax: boolean): ArticlePrices | { reason: string } {
  const price = shopPriceOf(product, product.vatRateBp, includeTax);
  if (!price.ok) return { reason: price.reason };
  const sale = saleGroupOf(product);
  if (sale === undefined) return { price: price.text };
  const action = includeTax
    ? { ok: true as const, text: formatMinor(sale) }
    : shopPriceOf({ priceGrossMinor: sale }, product.vatRateBp, false);
  if (!action.ok) return { reason: `sale price: ${action.reason}` };
  return { price: price.text, action: action.text };
}

const keyOf = (product: CatalogProduct, matchKey: 'sku' | 'ean') =>
  (matchKey === 'sku' ? product.sku : product.ean)?.trim() || undefined;

async function upsertOne(
  session: MijnwebwinkelProductSession,
  product: CatalogProduct,
  options: UpsertOptions,
  includeTax: boolean,
): Promise<ProductUpsertResult> {
  const refuse = (reason: string): ProductUpsertResult => ({ sku: product.sku, outcome: 'refused', reason });
  const key = keyOf(product, options.matchKey);
  if (key === undefined) return refuse(`the product has no ${options.matchKey.toUpperCase()} to match on`);
  const listPlan =
    product.variants.length > 0 ? planVariantLists(product, session.products.variantLists) : undefined;
  if (listPlan && 'refusal' in listPlan) return refuse(listPlan.refusal);
  const prices = pricesOf(product, includeTax);
  if ('reason' in prices) return refuse(prices.reason);
  const { stock, products } = session;
  if (stock.index.get(options.matchKey, key) === undefined) await refreshIndex(stock, true);
  const existing = stock.index.get(options.matchKey, key);
  const withInfo = existing === undefined || options.updateProductInfo;

  let body = priceBody(prices);
  if (withInfo) {
    if (product.categories.filter((p) => p.length > 0).length === 0) {
      return refuse('Mijnwebwinkel needs at least one category (page) for an article');
    }
    const categoryIds: number[] = [];
    for (const path of product.categories.filter((p) => p.length > 0)) {
      const category = await categoryIdOf(products, path);
      if (!category.ok) return refuse(category.reason);
      if (!categoryIds.includes(category.id)) categoryIds.push(category.id);
    }
    body = fullArticleBody(product, prices, categoryIds);
    if (listPlan) {
      const lists = await articleListsBody(products, listPlan.plan);
      if ('reason' in lists) return refuse(lists.reason);
      body = { ...body, lists: lists.lists };
    }
  }
  const answer =
    existing === undefined
      ? await products.client.call('POST', '/articles', { body })
      : await products.client.call('PATCH', `/articles/${existing.articleId}`, { body });
  if (!answer.ok) {
    if (answer.status === 404) stock.index.forget(options.matchKey, key);
    return refuse(answer.reason);
  }
  const article = articleSchema.safeParse(answer.body);
  if (!article.success) throw mijnwebwinkelErrors.badResponse('the article answer has no id');
  stock.index.add([{ id: article.data.id, sku: article.data.sku, extra: article.data.extra, variants: [] }]);
  if (withInfo) {
    const failed = await uploadInlineImages(products.client, article.data.id, answer.body, product);
    if (failed !== undefined) return { ...refuse(failed), shopProductId: String(article.data.id) };
  }
  const base = { sku: product.sku, shopProductId: String(article.data.id) };
  if (existing === undefined) return { ...base, outcome: 'created' };
  return { ...base, outcome: options.updateProductInfo ? 'updated' : 'price-and-stock-only' };
}

export async function upsertArticles(
  session: MijnwebwinkelProductSession,
  products: readonly CatalogProduct[],
  options: UpsertOptions,
): Promise<ProductUpsertResult[]> {
  const includeTax = await pricesIncludeTax(session.products);
  const results: ProductUpsertResult[] = [];
  const seen = new Set<string>();
  for (const product of products) {
    const key = keyOf(product, options.matchKey);
    if (key !== undefined && seen.has(key)) {
      results.push({
        sku: product.sku,
        outcome: 'refused',
        reason: `${options.matchKey.toUpperCase()} ${key} appears more than once in this batch`,
      });
      continue;
    }
    if (key !== undefined) seen.add(key);
    results.push(await upsertOne(session, product, options, includeTax));
  }
  return results;
}
