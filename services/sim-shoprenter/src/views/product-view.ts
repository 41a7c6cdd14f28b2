import type { AttributeState } from '../domain/attribute-state.js';
import { encodeCatalogId } from '../domain/catalog-ids.js';
import type { CatalogState } from '../domain/catalog-state.js';
import { encodeCompoundId, encodeResourceId } from '../domain/resource-id.js';
import type { StoredProduct } from '../domain/state.js';
import { renderProductAttributeExtend } from './attribute-views.js';
import { renderExtendRelations } from './product-extend-view.js';
import { href, type JsonObject, link, str, type ViewContext } from './view-context.js';

/** Tax classes by VAT rate [INF]: a Hungarian shop's 27/18/5/0 % classes. */
export const taxClassIds: Record<string, number> = {
  '27.0000': 10,
  '18.0000': 11,
  '5.0000': 12,
  '0.0000': 13,
};

/** `/products` (sr-api-docs `fixtures/api/product`): SKU `sku`, stock per warehouse `stock1..stock4`. */
export function renderProduct(p: StoredProduct, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('product', p.innerId);
  const taxClass = taxClassIds[p.taxRate];
  return {
    href: `${ctx.baseUrl}/products/${id}`,
    id,
    innerId: String(p.innerId),
    sku: p.sku,
    modelNumber: p.modelNumber,
    gtin: p.gtin,
    orderable: str(p.orderable),
    price: p.price,
    cost: p.cost,
    multiplier: '1.0000',
    multiplierLock: '0',
    loyaltyPoints: '0',
    stock1: str(p.stock1),
    stock2: str(p.stock2),
    stock3: str(p.stock3),
    stock4: str(p.stock4),
    subtractStock: str(p.subtractStock),
    mainPicture: p.catalog?.mainPicture ?? '',
    width: p.width,
    height: p.height,
    length: p.length,
    weight: p.weight,
    status: str(p.status),
    shipped: '1',
    minimalOrderNumber: '1',
    maximalOrderNumber: '0',
    minimalOrderNumberMultiply: '0',
    availableDate: '0000-00-00',
    quantity: p.quantity,
    sortOrder: str(p.sortOrder),
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    imageAlt: '',
    freeShipping: '0',
    durableMediaDevice: '0',
    taxClass: taxClass === undefined ? null : link(ctx, 'taxClasses', 'taxClass', taxClass),
    productClass:
      p.catalog?.productClassInnerId == null
        ? null
        : href(ctx, `productClasses/${encodeCatalogId('productClass', p.catalog.productClassInnerId)}`),
    parentProduct:
      p.catalog?.parentInnerId == null ? null : link(ctx, 'products', 'product', p.catalog.parentInnerId),
    productDescriptions: href(ctx, `productDescriptions?productId=${id}`),
    productCategoryRelations: href(ctx, `productCategoryRelations?productId=${id}`),
    productSpecials: href(ctx, `productSpecials?productId=${id}`),
  };
}

/** `/productExtend`: the product plus embedded descriptions (README.md; one language, hu). */
export function renderProductExtend(
  p: StoredProduct,
  ctx: ViewContext,
  catalog?: CatalogState,
  attributes?: AttributeState,
): JsonObject {
  const base = renderProduct(p, ctx);
  const id = String(base.id);
  const descriptionId = encodeCompoundId('productDescription', [
    ['product_id', p.innerId],
    ['language_id', 1],
  ]);
  return {
    ...base,
    href: `${ctx.baseUrl}/productExtend/${id}`,
    productDescriptions:
      p.catalog?.hasDescription === false
        ? []
        : [
            {
              href: `${ctx.baseUrl}/productDescriptions/${descriptionId}`,
              id: descriptionId,
              name: p.name,
              metaTitle: '',
              metaKeywords: '',
              metaDescription: '',
              shortDescription: p.shortDescription,
              description: p.description,
              parameters: p.catalog?.parameters ?? '',
              product: { href: `${ctx.baseUrl}/products/${id}` },
              language: link(ctx, 'languages', 'language', 1),
            },
          ],
    ...renderExtendRelations(p, ctx, catalog),
    productAttributeExtend: renderProductAttributeExtend(attributes, p.innerId, ctx),
    productListAttributeValueRelations: href(ctx, `productListAttributeValueRelations?productId=${id}`),
  };
}
