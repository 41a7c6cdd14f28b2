/**
 * Pure: which Shoprenter list attributes a variant product's picker uses and which value each
 * child takes, from the connection's `variantSelector.attributes` (README.md "Variant selector"),
 * or why the product cannot have one. Shoprenter forms variants along at most two attributes of
 * a product type (`firstVariantParameter`, `secondVariantParameter`):
 * https://doc.shoprenter.hu/development/api-examples/08_product_attribute_handling.html
 */
import type { CatalogProduct } from '@koppel/connector-sdk';

/** One child's values: the Shoprenter list attribute name → the value's text. */
export type VariantValues = Map<string, string>;

export type SelectorPlan = {
  /** Shoprenter list attribute names, in the order of the connection's map (first, second). */
  listAttributes: string[];
  /** Per variant, in the product's order. */
  values: VariantValues[];
};

export type SelectorDecision = { plan: SelectorPlan } | { refusal: string } | { none: true };

/** Shoprenter's product type has two variant parameters. */
export const MAX_VARIANT_PARAMETERS = 2;

export function planVariantSelector(
  product: CatalogProduct,
  mapping: Readonly<Record<string, string>>,
): SelectorDecision {
  const entries = Object.entries(mapping);
  if (product.variants.length === 0 || entries.length === 0) return { none: true };
  const listOf = new Map(entries.map(([name, list]) => [name.trim().toLowerCase(), list]));
  const used: string[] = [];
  const values: VariantValues[] = [];
  for (const variant of product.variants) {
    const own: VariantValues = new Map();
    for (const [name, rawValue] of Object.entries(variant.attributes)) {
      const list = listOf.get(name.trim().toLowerCase());
      if (list === undefined) {
        return {
          refusal:
            `variant ${variant.sku}: attribute "${name}" has no Shoprenter list attribute in the ` +
            'connection’s variantSelector.attributes',
        };
      }
      const value = rawValue.trim();
      if (value === '') return { refusal: `variant ${variant.sku}: attribute "${name}" has no value` };
      own.set(list, value);
      if (!used.includes(list)) used.push(list);
    }
    values.push(own);
  }
  const order = [...new Set(entries.map(([, list]) => list))].filter((list) => used.includes(list));
  if (order.length === 0) return { refusal: 'the variants have no attributes to tell them apart' };
  if (order.length > MAX_VARIANT_PARAMETERS) {
    return {
      refusal: `Shoprenter forms variants along at most ${MAX_VARIANT_PARAMETERS} attributes; these variants use ${order.join(', ')}`,
    };
  }
  const seen = new Set<string>();
  for (const [index, own] of values.entries()) {
    const sku = product.variants[index]?.sku ?? '';
    const missing = order.find((list) => !own.has(list));
    if (missing !== undefined)
      return { refusal: `variant ${sku} has no value for Shoprenter attribute "${missing}"` };
    const combination = order.map((list) => own.get(list)?.toLowerCase()).join('\u0000');
    if (seen.has(combination)) {
      return { refusal: `variant ${sku} has the same ${order.join(' and ')} as another variant` };
    }
    seen.add(combination);
  }
  return { plan: { listAttributes: order, values } };
}
