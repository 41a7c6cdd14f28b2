/**
 * Shoprenter resource ids are opaque base64 strings; decoded they read `<type>-<column>=<n>`, e.g.
 * `order-order_id=172` (README.md, decoded from sr-api-docs fixtures). Clients must
 * not build them (FAQ), but the simulator issues them in exactly that scheme for realism.
 */
export const resourceKinds = {
  order: { type: 'order', column: 'order_id' },
  orderProduct: { type: 'orderProduct', column: 'order_product_id' },
  orderTotal: { type: 'orderTotal', column: 'order_total_id' },
  orderStatus: { type: 'orderStatus', column: 'order_status_id' },
  orderHistory: { type: 'orderHistory', column: 'order_history_id' },
  customer: { type: 'customer', column: 'customer_id' },
  customerGroup: { type: 'customerGroup', column: 'customer_group_id' },
  product: { type: 'product', column: 'product_id' },
  webHook: { type: 'webHook', column: 'notification_id' },
  language: { type: 'language', column: 'language_id' },
  currency: { type: 'currency', column: 'currency_id' },
  country: { type: 'country', column: 'country_id' },
  taxClass: { type: 'taxClass', column: 'tax_class_id' },
  shippingMode: { type: 'shippingMode', column: 'id' },
} as const;

export type ResourceKind = keyof typeof resourceKinds;

export function encodeResourceId(kind: ResourceKind, innerId: number): string {
  const { type, column } = resourceKinds[kind];
  return Buffer.from(`${type}-${column}=${innerId}`, 'utf8').toString('base64');
}

/** Ids with a second key, e.g. `orderStatusDescription-order_status_id=1&language_id=1`. */
export function encodeCompoundId(type: string, pairs: ReadonlyArray<readonly [string, number]>): string {
  const text = `${type}-${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Returns the inner id, or undefined when the id is not a well-formed id of that kind. */
export function decodeResourceId(kind: ResourceKind, id: string): number | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64').toString('utf8');
  const { type, column } = resourceKinds[kind];
  const match = new RegExp(`^${type}-${column}=(\\d{1,10})$`).exec(text);
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) ? value : undefined;
}
