/**
 * Creates or updates products in Shoprenter by SKU or EAN (README.md "Product sink"). Every call
 * goes through the session's client (one 3 requests/s limiter per session, shared with the stock
 * sink), and the writes of all products of a call travel in `/batch` calls: look-up, categories
 * per depth, image files, the variant picker's values and product type (variant-selector.ts),
 * parents, variants, the variants' attribute values, additional images. A sub-request's 4xx refuses that
 * product only, with the shop's message; 429/5xx/timeouts throw a retryable AppError (the caller
 * retries the call; products are matched again first, so nothing is created twice).
 * https://doc.shoprenter.hu/development/api/04_batch.html
 */
import type { CatalogProduct, ProductUpsertResult } from '@koppel/connector-sdk';
import type { ShoprenterSession } from '../poll-orders.js';
import { productIdCacheOf } from '../stock/product-id-cache.js';
import { resolveProductIds } from '../stock/resolve-product-ids.js';
import { type CatalogSubRequest, sendCatalogBatch } from './catalog-batch.js';
import { writtenSchema } from './catalog-schemas.js';
import { pathKey, resolveCategoryPaths } from './category-paths.js';
import { addProductImages } from './product-image-rows.js';
import { type ImageFile, imageFilesOf } from './product-images.js';
import {
  fullBody,
  parametersOf,
  priceOnlyBody,
  type ResolvedPriceGroups,
  variantName,
} from './map-product.js';
import { rateText } from './net-price.js';
import { type ProductWork, prepareProducts } from './prepare-products.js';
import { shopReferencesOf } from './shop-references.js';
import { resolveSelectors, writeSelectorValues } from './variant-selector.js';

export type UpsertOptions = { matchKey: 'sku' | 'ean'; updateProductInfo: boolean };

type InfoPlan = {
  languageId: string;
  taxClassId: string | undefined;
  categoryIds: string[];
  images: ImageFile[];
};

const live = (works: ProductWork[]) => works.filter((w) => w.refusal === undefined);

export async function upsertProducts(
  session: ShoprenterSession,
  products: readonly CatalogProduct[],
  options: UpsertOptions,
): Promise<ProductUpsertResult[]> {
  const works = prepareProducts(products, options.matchKey);
  const keys = live(works).flatMap((w) => [w.key, ...w.variants.map((v) => v.key)]);
  const ids = await resolveProductIds(session, options.matchKey, keys);
  for (const w of live(works)) {
    w.existingId = ids.get(w.key);
    for (const v of w.variants) v.existingId = ids.get(v.key);
  }
  const groups = await resolvePriceGroups(session, live(works));
  // Information is written for new products and variants, and for existing ones when asked.
  const needsInfo = (w: ProductWork) =>
    w.existingId === undefined ||
    options.updateProductInfo ||
    w.variants.some((v) => v.existingId === undefined);
  const plans = await planInformation(session, live(works).filter(needsInfo));
  await resolveSelectors(session, live(works).filter(needsInfo));

  await writeParents(session, works, groups, plans, options);
  await writeVariants(session, works, plans, options);
  await writeSelectorValues(session, works, options.updateProductInfo);
  await addProductImages(
    session,
    live(works).flatMap((w) => {
      const plan = plans.get(w);
      const parentInfo = w.existingId === undefined || options.updateProductInfo;
      return plan && parentInfo && w.id ? [{ work: w, productId: w.id, images: plan.images.slice(1) }] : [];
    }),
  );
  return works.map((w): ProductUpsertResult => {
    const base = { sku: w.product.sku, ...(w.id === undefined ? {} : { shopProductId: w.id }) };
    if (w.refusal !== undefined) return { ...base, outcome: 'refused', reason: w.refusal };
    if (w.existingId === undefined) return { ...base, outcome: 'created' };
    return { ...base, outcome: options.updateProductInfo ? 'updated' : 'price-and-stock-only' };
  });
}

/** Customer-group names → ids; a price group the shop has no customer group for refuses the product. */
async function resolvePriceGroups(
  session: ShoprenterSession,
  works: ProductWork[],
): Promise<Map<ProductWork, ResolvedPriceGroups>> {
  const references = shopReferencesOf(session);
  const resolved = new Map<ProductWork, ResolvedPriceGroups>();
  for (const w of works) {
    const groupPrices = [];
    for (const g of w.priceGroups.groupPrices) {
      const id = await references.customerGroupId(g.customerGroup);
      if (id === undefined) {
        w.refusal = `price group "${g.customerGroup}" has no Shoprenter customer group of that name`;
        break;
      }
      groupPrices.push({ customerGroupId: id, price: g.price });
    }
    resolved.set(w, {
      ...(w.priceGroups.special === undefined ? {} : { special: w.priceGroups.special }),
      groupPrices,
    });
  }
  return resolved;
}

/** Language, tax class, categories and uploaded image files of the products that get their information. */
async function planInformation(
  session: ShoprenterSession,
  works: ProductWork[],
): Promise<Map<ProductWork, InfoPlan>> {
  const plans = new Map<ProductWork, InfoPlan>();
  if (works.length === 0) return plans;
  const references = shopReferencesOf(session);
  const languageId = await references.languageId();
  const categories = await resolveCategoryPaths(
    session,
    languageId,
    works.flatMap((w) => w.product.categories),
  );
  const uploads: { work: ProductWork; file: ImageFile }[] = [];
  for (const w of works) {
    const bp = w.product.vatRateBp;
    const taxClassId = bp === undefined ? undefined : await references.taxClassId(rateText(bp));
    if (bp !== undefined && taxClassId === undefined) {
      w.refusal = `the shop has no tax class for ${bp / 100} % VAT`;
      continue;
    }
    const categoryIds: string[] = [];
    for (const path of w.product.categories.filter((p) => p.length > 0)) {
      const category = categories.get(pathKey(path));
      if (category?.ok) categoryIds.push(category.id);
      else w.refusal = category?.reason ?? 'category missing';
    }
    const images = imageFilesOf(w.product.sku, w.product.images);
    plans.set(w, { languageId, taxClassId, categoryIds: [...new Set(categoryIds)], images });
    for (const file of images) uploads.push({ work: w, file });
  }
  const sent = uploads.filter((u) => u.work.refusal === undefined);
  const outcomes = await sendCatalogBatch(
    session,
    sent.map(({ file }) => ({
      method: 'POST',
      path: '/files',
      data: { filePath: file.filePath, type: 'image', attachment: file.attachment },
    })),
  );
  for (const [index, upload] of sent.entries()) {
    const outcome = outcomes[index];
    if (outcome && !outcome.ok) upload.work.refusal ??= `image ${upload.file.filePath}: ${outcome.reason}`;
  }
  return plans;
}

function descriptionOf(w: ProductWork) {
  return {
    shortDescription: w.product.shortDescription ?? '',
    longDescription: w.product.longDescription ?? '',
  };
}

async function writeParents(
  session: ShoprenterSession,
  works: ProductWork[],
  groups: Map<ProductWork, ResolvedPriceGroups>,
  plans: Map<ProductWork, InfoPlan>,
  options: UpsertOptions,
): Promise<void> {
  const sent = live(works);
  const requests = sent.map((w): CatalogSubRequest => {
    const plan = w.existingId === undefined || options.updateProductInfo ? plans.get(w) : undefined;
    const data = plan
      ? fullBody({
          sku: w.product.sku,
          ean: w.product.ean,
          name: w.product.name,
          netPrice: w.netPrice,
          active: w.product.active,
          taxClassId: plan.taxClassId,
          languageId: plan.languageId,
          ...descriptionOf(w),
          parameters: parametersOf({}, w.product.characteristics),
          mainPicture: plan.images[0]?.filePath,
          parentId: undefined,
          productClassId: w.selector?.productClassId,
          categoryIds: plan.categoryIds,
          priceGroups: groups.get(w),
        })
      : priceOnlyBody(w.netPrice, groups.get(w));
    return w.existingId === undefined
      ? { method: 'POST', path: '/productExtend', data }
      : { method: 'PUT', path: `/productExtend/${encodeURIComponent(w.existingId)}`, data };
  });
  const outcomes = await sendCatalogBatch(session, requests);
  recordWrites(session, sent, outcomes, options.matchKey);
}

async function writeVariants(
  session: ShoprenterSession,
  works: ProductWork[],
  plans: Map<ProductWork, InfoPlan>,
  options: UpsertOptions,
): Promise<void> {
  const sent = live(works).flatMap((w) => w.variants.map((v) => ({ w, v })));
  const requests = sent.map(({ w, v }): CatalogSubRequest => {
    const plan = v.existingId === undefined || options.updateProductInfo ? plans.get(w) : undefined;
    const data = plan
      ? fullBody({
          sku: v.variant.sku,
          ean: v.variant.ean,
          name: variantName(w.product, v.variant),
          netPrice: v.netPrice,
          active: w.product.active,
          taxClassId: plan.taxClassId,
          languageId: plan.languageId,
          ...descriptionOf(w),
          parameters: parametersOf(v.variant.attributes, w.product.characteristics),
          mainPicture: plan.images[0]?.filePath,
          parentId: w.id,
          productClassId: w.selector?.productClassId,
          categoryIds: [],
          priceGroups: undefined,
        })
      : priceOnlyBody(v.netPrice, undefined);
    return v.existingId === undefined
      ? { method: 'POST', path: '/productExtend', data }
      : { method: 'PUT', path: `/productExtend/${encodeURIComponent(v.existingId)}`, data };
  });
  const outcomes = await sendCatalogBatch(session, requests);
  const cache = productIdCacheOf(session);
  for (const [index, { w, v }] of sent.entries()) {
    const outcome = outcomes[index];
    const written = outcome?.ok ? writtenSchema.safeParse(outcome.body) : undefined;
    if (written?.success) {
      v.id = written.data.id;
      cache.set(options.matchKey, v.key, written.data.id);
      continue;
    }
    if (outcome && !outcome.ok && outcome.status === 404) cache.forget(options.matchKey, v.key);
    w.refusal ??= `variant ${v.variant.sku}: ${outcome && !outcome.ok ? outcome.reason : 'no id in the answer'}`;
  }
}

function recordWrites(
  session: ShoprenterSession,
  sent: ProductWork[],
  outcomes: Awaited<ReturnType<typeof sendCatalogBatch>>,
  matchKey: 'sku' | 'ean',
): void {
  const cache = productIdCacheOf(session);
  for (const [index, w] of sent.entries()) {
    const outcome = outcomes[index];
    const written = outcome?.ok ? writtenSchema.safeParse(outcome.body) : undefined;
    if (written?.success) {
      w.id = written.data.id;
      cache.set(matchKey, w.key, w.id);
      continue;
    }
    // A product deleted in the shop since it was matched: looked up afresh next time.
    if (outcome && !outcome.ok && outcome.status === 404) cache.forget(matchKey, w.key);
    w.refusal = outcome && !outcome.ok ? outcome.reason : 'Shoprenter answered without the product id';
  }
}
