/** The related rows `/productExtend` embeds (sr-api-docs `06_extend_resource.md`), from catalog-state.ts. */
import type { CatalogState } from '../domain/catalog-state.js';
import type { StoredProduct } from '../domain/state.js';
import {
  renderCustomerGroupProductPrice,
  renderProductCategoryRelation,
  renderProductSpecial,
} from './catalog-views.js';
import type { Json, ViewContext } from './view-context.js';

export function renderExtendRelations(
  p: StoredProduct,
  ctx: ViewContext,
  catalog: CatalogState | undefined,
): Record<string, Json> {
  const mine = <T extends { productInnerId: number }>(rows: T[] | undefined) =>
    (rows ?? []).filter((row) => row.productInnerId === p.innerId);
  return {
    productCategoryRelations: mine(catalog?.productCategoryRelations).map((r) =>
      renderProductCategoryRelation(r, ctx),
    ),
    productSpecials: mine(catalog?.productSpecials).map((r) => renderProductSpecial(r, ctx)),
    customerGroupProductPrices: mine(catalog?.customerGroupProductPrices).map((r) =>
      renderCustomerGroupProductPrice(r, ctx),
    ),
  };
}
