/**
 * Resource ids of the catalogue resources, in the scheme of resource-id.ts: base64 of
 * `<type>-<column>=<n>[&<column>=<n>]`, as decoded from the sr-api-docs fixtures, e.g.
 * `category-category_id=18`, `productCategory-product_id=49&category_id=20`,
 * `customerGroupProductPrice-customer_group_id=6&product_id=5581`, `productImage-product_image_id=1`.
 */
import { ShoprenterError } from '../errors.js';

export const catalogKinds = {
  category: { type: 'category', columns: ['category_id'] },
  categoryDescription: { type: 'categoryDescription', columns: ['category_id', 'language_id'] },
  productDescription: { type: 'productDescription', columns: ['product_id', 'language_id'] },
  productCategory: { type: 'productCategory', columns: ['product_id', 'category_id'] },
  productImage: { type: 'productImage', columns: ['product_image_id'] },
  productSpecial: { type: 'productSpecial', columns: ['product_special_id'] },
  customerGroup: { type: 'customerGroup', columns: ['customer_group_id'] },
  customerGroupProductPrice: {
    type: 'customerGroupProductPrice',
    columns: ['customer_group_id', 'product_id'],
  },
  language: { type: 'language', columns: ['language_id'] },
  taxClass: { type: 'taxClass', columns: ['tax_class_id'] },
  taxRate: { type: 'taxRate', columns: ['tax_rate_id'] },
  product: { type: 'product', columns: ['product_id'] },
  // Product types and list attributes (sr-api-docs fixtures `product_class`, `list_attribute*`,
  // `product_class_attribute_relation`, `product_list_attribute_value_relation`, column order as there).
  productClass: { type: 'productClass', columns: ['product_class_id'] },
  listAttribute: { type: 'listAttribute', columns: ['attribute_id'] },
  listAttributeValue: { type: 'listAttributeValue', columns: ['attribute_id', 'value_id'] },
  listAttributeValueDescription: {
    type: 'listAttributeValueDescription',
    columns: ['attribute_id', 'language_id', 'value_id'],
  },
  productClassAttributeRelation: {
    type: 'productClassAttributeRelation',
    columns: ['attribute_id', 'product_class_id'],
  },
  productListAttributeValueRelation: {
    type: 'productListAttributeValueRelation',
    columns: ['attribute_id', 'product_id', 'value_id'],
  },
} as const;

export type CatalogKind = keyof typeof catalogKinds;

export function encodeCatalogId(kind: CatalogKind, ...values: number[]): string {
  const { type, columns } = catalogKinds[kind];
  const pairs = columns.map((column, i) => `${column}=${values[i] ?? 0}`).join('&');
  return Buffer.from(`${type}-${pairs}`, 'utf8').toString('base64');
}

/** The numbers behind an id of that kind, or undefined when it is not one. */
export function decodeCatalogId(kind: CatalogKind, id: string): number[] | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const { type, columns } = catalogKinds[kind];
  const text = Buffer.from(id, 'base64').toString('utf8');
  const pattern = new RegExp(`^${type}-${columns.map((c) => `${c}=(\\d{1,10})`).join('&')}$`);
  const match = pattern.exec(text);
  if (!match) return undefined;
  return match.slice(1).map(Number);
}

/** A path id: malformed → 400/40007 (resource-id.ts convention); unknown ids are the caller's 404. */
export function catalogPathId(kind: CatalogKind, id: string): number[] {
  const values = decodeCatalogId(kind, id);
  if (!values) throw new ShoprenterError('WRONG_RESOURCE_ID', `Resource id is wrong: ${id}`);
  return values;
}

/**
 * A link written in a body (`{"id": "..."}`, or `{"href": ".../<id>"}` as the productClass
 * fixture sends it): its first number; malformed → 400/40006 "some resource identity in data is wrong".
 */
export function linkedId(kind: CatalogKind, field: string, value: unknown): number {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const raw =
    typeof record.id === 'string'
      ? record.id
      : typeof record.href === 'string'
        ? decodeURIComponent(record.href.split('/').at(-1) ?? '')
        : '';
  const first = decodeCatalogId(kind, raw)?.[0];
  if (first === undefined) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      `Resource identity is wrong in data: ${field}`,
    );
  }
  return first;
}

/** A resource id passed as a filter (e.g. `productId`); malformed → 40005 (bad resource identifier). */
export function catalogIdParam(
  query: Record<string, string>,
  name: string,
  kind: CatalogKind,
): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const first = decodeCatalogId(kind, raw)?.[0];
  if (first === undefined)
    throw new ShoprenterError('WRONG_DATA', `Wrong data! Bad resource identifier: ${name}`);
  return first;
}
