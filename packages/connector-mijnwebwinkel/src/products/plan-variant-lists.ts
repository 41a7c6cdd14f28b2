/**
 * Pure: which store article lists a variant product offers and which option each variant is, from
 * the connection's `variantLists` (README.md "Variants"), or why the product cannot be written.
 * Mijnwebwinkel forms an article's variants from the options of the lists it offers (spec
 * `Article.lists`, `Article.variants`); a variant has no price of its own in the API (only an
 * option may carry a price), so a variant priced apart from its product is refused.
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles
 */
import type { CatalogProduct } from '@koppel/connector-sdk';

export type ListUse = { listId: number; attribute: string; values: string[] };
export type ListPlan = { lists: ListUse[] };

export function planVariantLists(
  product: CatalogProduct,
  mapping: Readonly<Record<string, number>>,
): { plan: ListPlan } | { refusal: string } {
  const listOf = new Map(Object.entries(mapping).map(([name, id]) => [name.trim().toLowerCase(), id]));
  const uses = new Map<number, ListUse>();
  const combinations = new Set<string>();
  for (const variant of product.variants) {
    const own: [number, string][] = [];
    for (const [attribute, raw] of Object.entries(variant.attributes)) {
      const listId = listOf.get(attribute.trim().toLowerCase());
      if (listId === undefined) {
        return {
          refusal: `variant ${variant.sku}: attribute "${attribute}" has no Mijnwebwinkel article list in the connection’s variantLists`,
        };
      }
      const value = raw.trim();
      if (value === '') return { refusal: `variant ${variant.sku}: attribute "${attribute}" has no value` };
      const use = uses.get(listId) ?? { listId, attribute, values: [] };
      if (!use.values.some((v) => v.toLowerCase() === value.toLowerCase())) use.values.push(value);
      uses.set(listId, use);
      own.push([listId, value.toLowerCase()]);
    }
    const key = own
      .sort(([a], [b]) => a - b)
      .map(([id, value]) => `${id}=${value}`)
      .join('\u0000');
    if (own.length === 0) return { refusal: `variant ${variant.sku} has no attributes to tell it apart` };
    if (combinations.has(key))
      return { refusal: `variant ${variant.sku} has the same attributes as another variant` };
    combinations.add(key);
    const ownPrice = variant.priceGrossMinor ?? variant.priceNetMinor;
    const productPrice =
      variant.priceGrossMinor !== undefined ? product.priceGrossMinor : product.priceNetMinor;
    if (ownPrice !== undefined && ownPrice !== productPrice) {
      return {
        refusal: `variant ${variant.sku} has a price of its own; Mijnwebwinkel variants take the article’s price (only a list option can add to it)`,
      };
    }
  }
  const lists = [...uses.values()];
  const missing = product.variants.find((v) =>
    lists.some((use) => !hasAttributeFor(v.attributes, use, mapping)),
  );
  if (missing) return { refusal: `variant ${missing.sku} has no value for every list the product offers` };
  return { plan: { lists } };
}

function hasAttributeFor(
  attributes: Record<string, string>,
  use: ListUse,
  mapping: Readonly<Record<string, number>>,
): boolean {
  const names = Object.entries(mapping)
    .filter(([, id]) => id === use.listId)
    .map(([name]) => name.trim().toLowerCase());
  return Object.keys(attributes).some((name) => names.includes(name.trim().toLowerCase()));
}
