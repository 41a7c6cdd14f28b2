/**
 * CatalogProduct → the `/productExtend` write bodies (pure). A new product, or an existing one
 * whose information is updated, gets everything: SKU, barcode (`gtin`), net price, status, tax
 * class, main picture, the Hungarian description (name, short and long description, and the
 * characteristics and variant attributes as `parameters` lines), category relations and price
 * groups. With "update product information" off an existing product gets its price(s) only.
 * PUT on an Extend resource replaces only the relations the body names (06_extend_resource.md).
 * https://doc.shoprenter.hu/api/product_extend.html
 */
import type { CatalogProduct, CatalogVariant } from '@koppel/connector-sdk';
import { netOfGross } from './net-price.js';

/** A price group with this name (any case) is Shoprenter's sale price (`productSpecials`). */
export const SALE_PRICE_GROUPS = ['sale', 'akcio', 'akció', 'akciós'];

export type PriceGroupPlan = {
  /** Net sale price, for every customer group (no `customerGroup` link). */
  special?: string;
  /** Net price per customer group name (`customerGroupProductPrices`). */
  groupPrices: { customerGroup: string; price: string }[];
};

/** The price groups split into the sale price and customer-group prices, net; or why not. */
export function planPriceGroups(product: CatalogProduct): PriceGroupPlan | { reason: string } {
  const entries = Object.entries(product.priceGroups);
  const plan: PriceGroupPlan = { groupPrices: [] };
  if (entries.length === 0) return plan;
  if (product.vatRateBp === undefined) {
    return { reason: 'price groups are gross prices and the product has no VAT rate to make them net' };
  }
  for (const [name, grossMinor] of entries) {
    const net = netOfGross(grossMinor, product.vatRateBp);
    if (SALE_PRICE_GROUPS.includes(name.trim().toLowerCase())) plan.special = net;
    else plan.groupPrices.push({ customerGroup: name.trim(), price: net });
  }
  return plan;
}

/** Characteristics and variant attributes as `name: value` lines of the description's `parameters`. */
export function parametersOf(
  attributes: Record<string, string>,
  characteristics: Record<string, string>,
): string {
  return [...Object.entries(attributes), ...Object.entries(characteristics)]
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** A variant's name: the parent's with the values that tell it apart, e.g. `Shirt (M, red)`. */
export function variantName(product: CatalogProduct, variant: CatalogVariant): string {
  const values = Object.values(variant.attributes);
  return values.length === 0 ? `${product.name} (${variant.sku})` : `${product.name} (${values.join(', ')})`;
}

export type ResolvedPriceGroups = {
  special?: string;
  groupPrices: { customerGroupId: string; price: string }[];
};

function priceGroupFields(groups: ResolvedPriceGroups | undefined): Record<string, unknown> {
  if (!groups || (groups.special === undefined && groups.groupPrices.length === 0)) return {};
  return {
    productSpecials: groups.special === undefined ? [] : [{ priority: '1', price: groups.special }],
    customerGroupProductPrices: groups.groupPrices.map((g) => ({
      price: g.price,
      customerGroup: { id: g.customerGroupId },
    })),
  };
}

export type FullBodyInput = {
  sku: string;
  ean: string | undefined;
  name: string;
  netPrice: string;
  active: boolean;
  taxClassId: string | undefined;
  languageId: string;
  shortDescription: string;
  longDescription: string;
  parameters: string;
  mainPicture: string | undefined;
  parentId: string | undefined;
  /** The product type whose list attributes make the variant picker (variant-selector.ts). */
  productClassId: string | undefined;
  categoryIds: readonly string[];
  priceGroups: ResolvedPriceGroups | undefined;
};

/** Everything Koppel knows of a product (create, or update with product information). */
export function fullBody(input: FullBodyInput): Record<string, unknown> {
  return {
    sku: input.sku,
    ...(input.ean === undefined ? {} : { gtin: input.ean }),
    price: input.netPrice,
    status: input.active ? '1' : '0',
    ...(input.taxClassId === undefined ? {} : { taxClass: { id: input.taxClassId } }),
    ...(input.mainPicture === undefined ? {} : { mainPicture: input.mainPicture }),
    ...(input.parentId === undefined ? {} : { parentProduct: { id: input.parentId } }),
    ...(input.productClassId === undefined ? {} : { productClass: { id: input.productClassId } }),
    productDescriptions: [
      {
        name: input.name,
        shortDescription: input.shortDescription,
        description: input.longDescription,
        parameters: input.parameters,
        language: { id: input.languageId },
      },
    ],
    productCategoryRelations: input.categoryIds.map((id) => ({ category: { id } })),
    ...priceGroupFields(input.priceGroups),
  };
}

/** Price(s) only: what an existing product gets with "update product information" off. */
export function priceOnlyBody(
  netPrice: string,
  priceGroups: ResolvedPriceGroups | undefined,
): Record<string, unknown> {
  return { price: netPrice, ...priceGroupFields(priceGroups) };
}
