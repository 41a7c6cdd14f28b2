/**
 * The pure first step of an upsert: each product's match key (its own and its variants'), net
 * prices and price groups, or the reason it cannot be sent at all (refused before any call).
 */
import type { CatalogProduct, CatalogVariant } from '@koppel/connector-sdk';
import { type PriceGroupPlan, planPriceGroups } from './map-product.js';
import { netPriceOf } from './net-price.js';

export type VariantWork = {
  variant: CatalogVariant;
  key: string;
  netPrice: string;
  existingId?: string;
  /** The shop's id once matched or created. */
  id?: string;
};

/** The variant picker of a product (variant-selector.ts): its product type and each child's value ids. */
export type ResolvedSelector = {
  productClassId: string;
  /** Every value id of the picker's attributes (relations to other values are left alone). */
  pickerValueIds: Set<string>;
  /** Per variant, in order: the value ids it takes. */
  valueIds: string[][];
};

export type ProductWork = {
  product: CatalogProduct;
  key: string;
  netPrice: string;
  priceGroups: PriceGroupPlan;
  variants: VariantWork[];
  existingId?: string;
  /** The shop's id once matched or created. */
  id?: string;
  selector?: ResolvedSelector;
  /** Set when the product is refused (then nothing more is sent for it). */
  refusal?: string;
};

type Prepared = { work: ProductWork } | { refusal: string };

function keyOf(item: { sku: string; ean?: string | undefined }, matchKey: 'sku' | 'ean'): string | undefined {
  const value = (matchKey === 'sku' ? item.sku : item.ean)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function prepareProduct(product: CatalogProduct, matchKey: 'sku' | 'ean'): Prepared {
  const key = keyOf(product, matchKey);
  if (key === undefined) return { refusal: `the product has no ${matchKey.toUpperCase()} to match on` };
  const price = netPriceOf(product, product.vatRateBp);
  if (!price.ok) return { refusal: price.reason };
  const priceGroups = planPriceGroups(product);
  if ('reason' in priceGroups) return { refusal: priceGroups.reason };
  const variants: VariantWork[] = [];
  for (const variant of product.variants) {
    const variantKey = keyOf(variant, matchKey);
    if (variantKey === undefined) {
      return { refusal: `variant ${variant.sku} has no ${matchKey.toUpperCase()} to match on` };
    }
    const hasOwnPrice = variant.priceNetMinor !== undefined || variant.priceGrossMinor !== undefined;
    const variantPrice = hasOwnPrice ? netPriceOf(variant, product.vatRateBp) : price;
    if (!variantPrice.ok) return { refusal: `variant ${variant.sku}: ${variantPrice.reason}` };
    variants.push({ variant, key: variantKey, netPrice: variantPrice.decimal });
  }
  return { work: { product, key, netPrice: price.decimal, priceGroups, variants } };
}

/** Prepares every product; a key used twice in one call refuses the later products that use it. */
export function prepareProducts(products: readonly CatalogProduct[], matchKey: 'sku' | 'ean'): ProductWork[] {
  const seen = new Set<string>();
  return products.map((product) => {
    const prepared = prepareProduct(product, matchKey);
    if ('refusal' in prepared) {
      return {
        product,
        key: '',
        netPrice: '',
        priceGroups: { groupPrices: [] },
        variants: [],
        refusal: prepared.refusal,
      };
    }
    const keys = [prepared.work.key, ...prepared.work.variants.map((v) => v.key)];
    const twice = keys.find((k, i) => seen.has(k) || keys.indexOf(k) !== i);
    for (const k of keys) seen.add(k);
    if (twice !== undefined) {
      return {
        ...prepared.work,
        refusal: `${matchKey.toUpperCase()} ${twice} appears more than once in this batch`,
      };
    }
    return prepared.work;
  });
}
