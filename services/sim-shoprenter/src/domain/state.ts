import type { AttributeState } from './attribute-state.js';
import type { CatalogState, StoredProductCatalogFields } from './catalog-state.js';

/**
 * The simulator's whole state: plain JSON (amounts as decimal strings with 4 decimals) so it can be
 * dumped by `GET /_control/state` and persisted with sim-kit's state file.
 */
export type Address = {
  firstname: string;
  lastname: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  postcode: string;
  countryName: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  zoneName: string;
};

export type StoredOrderLine = {
  lineId: number;
  productInnerId: number | null;
  sku: string;
  name: string;
  /** Net unit price. */
  netPrice: string;
  taxRate: string;
  quantity: number;
  gtin: string;
  model: string;
  category: string;
  image: string;
  weight: string;
  width: string;
  height: string;
  length: string;
};

export type OrderTotalType = 'SUB_TOTAL' | 'SHIPPING' | 'PAYMENT' | 'TAX' | 'TOTAL';
export type StoredOrderTotal = {
  totalId: number;
  type: OrderTotalType;
  name: string;
  value: string;
  sortOrder: number;
};

export type StoredHistory = { historyId: number; statusId: number; comment: string; dateAdded: string };

export type StoredOrder = {
  innerId: number;
  customerInnerId: number | null;
  firstname: string;
  lastname: string;
  email: string;
  phone: string;
  fax: string;
  taxNumber: string;
  shipping: Address;
  payment: Address;
  shippingMethod: { modeId: number; name: string; extension: string; netPrice: string; taxRate: string };
  paymentMethod: { name: string; code: string; netPrice: string; taxRate: string };
  currency: string;
  currencyValue: string;
  languageCode: string;
  comment: string;
  /**
   * The order's `invoiceId` and `invoicePrefix`, writable through `PUT /orders/{id}` (the API's
   * field list marks them `readonly: false`). Absent in state saved before they were kept.
   */
  invoiceId?: string;
  invoicePrefix?: string;
  statusId: number;
  history: StoredHistory[];
  lines: StoredOrderLine[];
  totals: StoredOrderTotal[];
  cartToken: string;
  ip: string;
  dateCreated: string;
  dateUpdated: string;
};

export type StoredProduct = {
  innerId: number;
  sku: string;
  name: string;
  shortDescription: string;
  description: string;
  modelNumber: string;
  gtin: string;
  price: string;
  cost: string;
  taxRate: string;
  stock1: number;
  stock2: number;
  stock3: number;
  stock4: number;
  subtractStock: boolean;
  status: number;
  orderable: number;
  quantity: string;
  sortOrder: number;
  width: string;
  height: string;
  length: string;
  weight: string;
  dateCreated: string;
  dateUpdated: string;
  /** Catalogue fields written by product imports (see catalog-state.ts); absent on older state. */
  catalog?: StoredProductCatalogFields;
};

export type StoredCustomer = {
  innerId: number;
  firstname: string;
  lastname: string;
  email: string;
  telephone: string;
  fax: string;
  passwordHash: string;
  newsletter: number;
  status: number;
  approved: number;
  freeShipping: number;
  dateCreated: string;
  dateUpdated: string;
};

export const webhookEvents = [
  'order_confirm',
  'order_status_change',
  'newsletter_subscribe',
  'newsletter_unsubscribe',
  'newsletter_update_subscriber',
  'abandoned_cart',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export type StoredWebhookParameter = { type: 'json' | 'xml'; url: string; fields: string[] | null };
export type StoredWebhook = {
  innerId: number;
  label: string;
  event: WebhookEvent;
  status: number;
  parameters: StoredWebhookParameter[];
  delay: { delay: number; delayUnit: 'hour' | 'day' } | null;
  dateCreated: string;
  dateUpdated: string;
};

export type WebhookDelivery = {
  id: number;
  webhookInnerId: number;
  event: WebhookEvent;
  orderInnerId: number;
  url: string;
  type: 'json' | 'xml';
  contentType: string;
  body: string;
  /**
   * scheduled: waiting for its webHookDelay; delivered: 2xx answer; failed: anything else;
   * dropped: lost on purpose (`POST /_control/webhook-deliveries/drop-next`), never sent.
   */
  status: 'scheduled' | 'delivered' | 'failed' | 'dropped';
  createdAt: string;
  dueAt: string;
  attemptedAt: string | null;
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
};

export type Counters = {
  order: number;
  orderProduct: number;
  orderTotal: number;
  orderHistory: number;
  customer: number;
  product: number;
  webHook: number;
  delivery: number;
  shippingMode: number;
};

export type SimulatorState = {
  counters: Counters;
  orders: StoredOrder[];
  products: StoredProduct[];
  customers: StoredCustomer[];
  webhooks: StoredWebhook[];
  deliveries: WebhookDelivery[];
  shippingModes: { id: number; name: string; extension: string }[];
  /** Categories, images, price groups... (catalog-state.ts); created on first use. */
  catalog?: CatalogState;
  /** Product types and list attributes (attribute-state.ts); created on first use. */
  attributes?: AttributeState;
};

/** Counters hold the last id issued; the first order gets `firstOrderInnerId`. */
export function createEmptyState(firstOrderInnerId: number): SimulatorState {
  return {
    counters: {
      order: firstOrderInnerId - 1,
      orderProduct: 600,
      orderTotal: 1000,
      orderHistory: 300,
      customer: 30,
      product: 40,
      webHook: 140,
      delivery: 0,
      shippingMode: 17,
    },
    orders: [],
    products: [],
    customers: [],
    webhooks: [],
    deliveries: [],
    shippingModes: [],
  };
}

export function nextId(state: SimulatorState, counter: keyof Counters): number {
  state.counters[counter] += 1;
  return state.counters[counter];
}
