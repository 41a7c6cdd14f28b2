/**
 * JSON views of the catalogue resources, field for field as the sr-api-docs fixtures
 * (`fixtures/api/<resource>/response/json/get_id.json`): scalars as strings, links as `{"href"}`.
 */
import { encodeCatalogId } from '../domain/catalog-ids.js';
import type {
  StoredCategory,
  StoredCustomerGroup,
  StoredCustomerGroupPrice,
  StoredProductImage,
  StoredProductSpecial,
} from '../domain/catalog-state.js';
import { href, type JsonObject, str, type ViewContext } from './view-context.js';
import { taxClassIds } from './product-view.js';

/** The simulated shop speaks one language: Hungarian, language 1 (README.md "Ids tables"). */
export const HU_LANGUAGE = 1;

const productLink = (ctx: ViewContext, innerId: number) =>
  href(ctx, `products/${encodeCatalogId('product', innerId)}`);
const categoryLink = (ctx: ViewContext, innerId: number) =>
  href(ctx, `categories/${encodeCatalogId('category', innerId)}`);
const customerGroupLink = (ctx: ViewContext, innerId: number) =>
  href(ctx, `customerGroups/${encodeCatalogId('customerGroup', innerId)}`);
const languageLink = (ctx: ViewContext) => href(ctx, `languages/${encodeCatalogId('language', HU_LANGUAGE)}`);

export function renderLanguage(ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('language', HU_LANGUAGE);
  return {
    href: `${ctx.baseUrl}/languages/${id}`,
    id,
    innerId: String(HU_LANGUAGE),
    name: 'Hungarian',
    code: 'hu',
    locale: 'hu_HUN.UTF-8,hu_HUN,hu-hun,hungarian',
    sortOrder: '1',
    status: '1',
  };
}

/** One tax rate per tax class of product-view.ts (27/18/5/0 %), ids from 94 as in the price example. */
export const taxRates = Object.entries(taxClassIds).map(([rate, taxClass], index) => ({
  innerId: 94 + index,
  rate,
  taxClass,
}));

export function renderTaxRate(row: (typeof taxRates)[number], ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('taxRate', row.innerId);
  return {
    href: `${ctx.baseUrl}/taxRates/${id}`,
    id,
    priority: '1',
    rate: row.rate,
    description: `VAT (${Number(row.rate)}%)`,
    dateCreated: '2020-01-01T12:00:00',
    dateUpdated: '2020-01-01T12:00:00',
    geoZone: null,
    taxClass: href(ctx, `taxClasses/${encodeCatalogId('taxClass', row.taxClass)}`),
  };
}

export function renderCustomerGroup(group: StoredCustomerGroup, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('customerGroup', group.innerId);
  return {
    href: `${ctx.baseUrl}/customerGroups/${id}`,
    id,
    innerId: String(group.innerId),
    name: group.name,
    percentDiscount: group.percentDiscount,
    percentDiscountSpecialPrices: group.percentDiscountSpecialPrices,
  };
}

export function renderCategoryDescription(category: StoredCategory, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('categoryDescription', category.innerId, HU_LANGUAGE);
  return {
    href: `${ctx.baseUrl}/categoryDescriptions/${id}`,
    id,
    name: category.name,
    metaKeywords: '',
    metaDescription: '',
    description: '',
    customTitle: null,
    robotsMetaTag: '0',
    footerSeoText: null,
    heading: null,
    category: categoryLink(ctx, category.innerId),
    language: languageLink(ctx),
  };
}

export function renderCategory(category: StoredCategory, ctx: ViewContext, extend = false): JsonObject {
  const id = encodeCatalogId('category', category.innerId);
  const resource = extend ? 'categoryExtend' : 'categories';
  return {
    href: `${ctx.baseUrl}/${resource}/${id}`,
    id,
    innerId: String(category.innerId),
    picture: category.picture,
    sortOrder: str(category.sortOrder),
    status: str(category.status),
    productsStatus: '1',
    groupCode: null,
    dateCreated: category.dateCreated,
    dateUpdated: category.dateUpdated,
    parentCategory: category.parentInnerId === null ? null : categoryLink(ctx, category.parentInnerId),
    centralCategory: null,
    categoryDescriptions: extend
      ? [renderCategoryDescription(category, ctx)]
      : href(ctx, `categoryDescriptions?categoryId=${id}`),
    customerGroups: href(ctx, `${resource}/${id}/customerGroups`),
    ...(extend ? { categoryCustomerGroupRelations: [], urlAliases: [] } : {}),
  };
}

export function renderProductCategoryRelation(
  row: { productInnerId: number; categoryInnerId: number },
  ctx: ViewContext,
): JsonObject {
  const id = encodeCatalogId('productCategory', row.productInnerId, row.categoryInnerId);
  return {
    href: `${ctx.baseUrl}/productCategoryRelations/${id}`,
    id,
    product: productLink(ctx, row.productInnerId),
    category: categoryLink(ctx, row.categoryInnerId),
  };
}

export function renderProductImage(image: StoredProductImage, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('productImage', image.innerId);
  return {
    href: `${ctx.baseUrl}/productImages/${id}`,
    id,
    imagePath: image.imagePath,
    imageAlt: image.imageAlt,
    sortOrder: str(image.sortOrder),
    product: productLink(ctx, image.productInnerId),
  };
}

export function renderProductSpecial(special: StoredProductSpecial, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('productSpecial', special.innerId);
  return {
    href: `${ctx.baseUrl}/productSpecials/${id}`,
    id,
    priority: str(special.priority),
    price: special.price,
    dateFrom: special.dateFrom,
    dateTo: special.dateTo,
    minQuantity: str(special.minQuantity),
    maxQuantity: str(special.maxQuantity),
    isLimitedDiscount: '0',
    maxOrderableCount: '0',
    product: productLink(ctx, special.productInnerId),
    customerGroup: customerGroupLink(ctx, special.customerGroupInnerId),
  };
}

export function renderCustomerGroupProductPrice(row: StoredCustomerGroupPrice, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('customerGroupProductPrice', row.customerGroupInnerId, row.productInnerId);
  return {
    href: `${ctx.baseUrl}/customerGroupProductPrices/${id}`,
    id,
    price: row.price,
    customerGroup: customerGroupLink(ctx, row.customerGroupInnerId),
    product: productLink(ctx, row.productInnerId),
  };
}
