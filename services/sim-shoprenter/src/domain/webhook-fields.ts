import type { WebhookEvent } from './state.js';

/**
 * The whitelistable order-event webhook fields and the events that carry them
 * (C = order_confirm, S = order_status_change, A = abandoned_cart), from sr-api-docs `api/webhook.md`
 * as listed in README.md. The payload key is the name without its prefix (assumptions.webhookKeyRule).
 */
type Availability = 'CSA' | 'CS' | 'C' | 'S';
export type FieldGroup = 'order' | 'orderHistory' | 'orderProduct' | 'notEmitted';
export type WebhookField = { field: string; key: string; group: FieldGroup; events: Availability };

const orderFields: Record<Availability, string[]> = {
  CSA: [
    'storeName',
    'innerId',
    'innerResourceId',
    'outerResourceId',
    'firstname',
    'lastname',
    'phone',
    'fax',
    'email',
    'email_hash',
    'cart_token',
    'shippingFirstname',
    'shippingLastname',
    'shippingCompany',
    'shippingAddress1',
    'shippingAddress2',
    'shippingCity',
    'shippingCountryName',
    'shippingZoneName',
    'shippingPostcode',
    'paymentFirstname',
    'paymentLastname',
    'paymentCompany',
    'paymentAddress1',
    'paymentAddress2',
    'paymentCity',
    'paymentCountryName',
    'paymentZoneName',
    'paymentPostcode',
    'paymentTaxnumber',
    'shippingMethodName',
    'shippingNetPrice',
    'shippingGrossPrice',
    'paymentMethodName',
    'paymentNetPrice',
    'paymentGrossPrice',
    'couponCode',
    'couponGrossPrice',
    'languageId',
    'languageCode',
    'comment',
    'total',
    'totalGross',
    'taxPrice',
    'currency',
    'reloadLink',
    'loyaltyPoints',
    'loyaltyPointsUsed',
  ],
  CS: [
    'shippingAdditionalCostNet',
    'shippingAdditionalCostGross',
    'shippingInnerResourceId',
    'shippingCountryIsoCode2',
    'shippingCountryIsoCode3',
    'paymentCountryIsoCode2',
    'paymentCountryIsoCode3',
    'cartAmountDiscount',
  ],
  C: [
    'expectedDeliveryDate',
    'shippingMethodCode',
    'paymentMethodCode',
    'customerId',
    'shippingId',
    'shippingCountryId',
    'paymentCountryId',
  ],
  S: ['newsletterChecked'],
};

const lineFields: Partial<Record<Availability, string[]>> = {
  CSA: [
    'innerId',
    'innerResourceId',
    'outerResourceId',
    'name',
    'sku',
    'price',
    'currency',
    'taxRate',
    'quantity',
    'image',
    'category',
    'volume',
    'weight',
  ],
  CS: ['durableMediaDevice', 'grossPrice', 'gtin', 'model'],
  C: ['productId'],
};

const historyFields = ['status', 'statusText', 'comment', 'dateAdded'];

/** Documented but never produced by the simulator (assumptions.webhookNotEmitted). */
const notEmitted: { field: string; events: Availability }[] = [
  ...['date', 'transactionId', 'licenceNumber', 'bankAnswerCode', 'bankAnswer'].map((f) => ({
    field: `orderCreditCard_${f}`,
    events: 'C' as const,
  })),
  { field: 'orderProductExtra', events: 'C' },
  { field: 'orderProductAddon', events: 'C' },
  ...['name', 'valueName', 'price', 'prefix'].map((f) => ({
    field: `orderProductOption_${f}`,
    events: 'CSA' as const,
  })),
];

function table(): WebhookField[] {
  const out: WebhookField[] = [];
  for (const [events, keys] of Object.entries(orderFields) as [Availability, string[]][]) {
    for (const key of keys) out.push({ field: `order_${key}`, key, group: 'order', events });
  }
  for (const key of historyFields)
    out.push({ field: `orderHistory_${key}`, key, group: 'orderHistory', events: 'CSA' });
  for (const [events, keys] of Object.entries(lineFields) as [Availability, string[]][]) {
    for (const key of keys) out.push({ field: `orderProduct_${key}`, key, group: 'orderProduct', events });
  }
  for (const f of notEmitted)
    out.push({ field: f.field, key: f.field, group: 'notEmitted', events: f.events });
  return out;
}

export const webhookFields: readonly WebhookField[] = table();
const byName = new Map(webhookFields.map((f) => [f.field, f]));

export function isKnownWebhookField(name: string): boolean {
  return byName.has(name);
}

const eventLetter: Partial<Record<WebhookEvent, string>> = {
  order_confirm: 'C',
  order_status_change: 'S',
  abandoned_cart: 'A',
};

/** The fields a webhook sends for an event: its whitelist (or all) minus those the event lacks. */
export function fieldsFor(event: WebhookEvent, whitelist: readonly string[] | null): WebhookField[] {
  const letter = eventLetter[event];
  if (!letter) return [];
  const wanted = whitelist ? new Set(whitelist) : undefined;
  return webhookFields.filter(
    (f) => f.group !== 'notEmitted' && f.events.includes(letter) && (!wanted || wanted.has(f.field)),
  );
}
