import { createHash } from 'node:crypto';
import { toHistoryDateTime } from './clock.js';
import { findCountry, languageId } from './countries.js';
import { formatAmountShort, parseAmount, toJsonNumber } from './money.js';
import { computeOrderAmounts } from './order-amounts.js';
import { statusName } from './order-statuses.js';
import { encodeResourceId } from './resource-id.js';
import type { StoredOrder, WebhookEvent } from './state.js';
import { fieldsFor } from './webhook-fields.js';

export type PayloadValue = string | number | null | PayloadValue[] | { [key: string]: PayloadValue };
export type PayloadObject = { [key: string]: PayloadValue };
export type OrderWebhookPayload = { orders: { order: PayloadObject[] } };

/**
 * Every value an order event can carry, keyed by the unprefixed name. Types follow the vendor sample
 * in `07_webhook.md` exactly: strings, except shippingNetPrice (float), paymentNetPrice and
 * paymentGrossPrice (numbers) and couponGrossPrice (null).
 */
function orderValues(order: StoredOrder, storeName: string): Record<string, PayloadValue> {
  const a = computeOrderAmounts(order);
  const id = encodeResourceId('order', order.innerId);
  const ship = order.shipping;
  const pay = order.payment;
  const shipCountry = findCountry(ship.countryCode);
  const payCountry = findCountry(pay.countryCode);
  return {
    storeName,
    innerId: String(order.innerId),
    innerResourceId: `orders/${id}`,
    outerResourceId: '',
    firstname: order.firstname,
    lastname: order.lastname,
    phone: order.phone,
    fax: order.fax,
    email: order.email,
    email_hash: createHash('sha256').update(order.email).digest('hex'),
    cart_token: order.cartToken,
    shippingFirstname: ship.firstname,
    shippingLastname: ship.lastname,
    shippingCompany: ship.company,
    shippingAddress1: ship.address1,
    shippingAddress2: ship.address2,
    shippingCity: ship.city,
    shippingCountryName: ship.countryName,
    shippingZoneName: ship.zoneName,
    shippingPostcode: ship.postcode,
    paymentFirstname: pay.firstname,
    paymentLastname: pay.lastname,
    paymentCompany: pay.company,
    paymentAddress1: pay.address1,
    paymentAddress2: pay.address2,
    paymentCity: pay.city,
    paymentCountryName: pay.countryName,
    paymentZoneName: pay.zoneName,
    paymentPostcode: pay.postcode,
    paymentTaxnumber: order.taxNumber,
    shippingMethodName: order.shippingMethod.name,
    shippingNetPrice: toJsonNumber(a.shippingNet),
    shippingGrossPrice: formatAmountShort(a.shippingNet + a.shippingTax),
    shippingInnerResourceId: `shippingModeExtend/${encodeResourceId('shippingMode', order.shippingMethod.modeId)}`,
    paymentMethodName: order.paymentMethod.name,
    paymentNetPrice: toJsonNumber(a.paymentNet),
    paymentGrossPrice: toJsonNumber(a.paymentNet + a.paymentTax),
    couponCode: '',
    couponGrossPrice: null,
    languageId: String(languageId(order.languageCode)),
    languageCode: order.languageCode,
    comment: order.comment,
    total: formatAmountShort(a.net),
    totalGross: formatAmountShort(a.gross),
    taxPrice: formatAmountShort(a.tax),
    currency: order.currency,
    reloadLink: '',
    loyaltyPoints: '',
    loyaltyPointsUsed: '',
    shippingAdditionalCostNet: 0,
    shippingAdditionalCostGross: 0,
    shippingCountryIsoCode2: shipCountry ? ship.countryCode : '',
    shippingCountryIsoCode3: shipCountry?.iso3 ?? '',
    paymentCountryIsoCode2: payCountry ? pay.countryCode : '',
    paymentCountryIsoCode3: payCountry?.iso3 ?? '',
    cartAmountDiscount: 0,
    expectedDeliveryDate: '',
    shippingMethodCode: order.shippingMethod.extension,
    paymentMethodCode: order.paymentMethod.code,
    customerId: order.customerInnerId === null ? '0' : String(order.customerInnerId),
    shippingId: String(order.shippingMethod.modeId),
    shippingCountryId: shipCountry ? String(shipCountry.id) : '',
    paymentCountryId: payCountry ? String(payCountry.id) : '',
    newsletterChecked: '0',
  };
}

function historyValues(order: StoredOrder): Record<string, PayloadValue> {
  const last = order.history.at(-1);
  if (!last)
    return { status: '0', statusText: '', comment: '', dateAdded: toHistoryDateTime(order.dateCreated) };
  return {
    status: String(last.statusId),
    statusText: statusName(last.statusId),
    comment: last.comment,
    dateAdded: last.dateAdded,
  };
}

function lineValues(order: StoredOrder): Record<string, PayloadValue>[] {
  const amounts = computeOrderAmounts(order).lines;
  return order.lines.map((line, i) => ({
    innerId: String(line.lineId),
    innerResourceId: `orderProducts/${encodeResourceId('orderProduct', line.lineId)}`,
    outerResourceId: '',
    name: line.name,
    sku: line.sku,
    price: formatAmountShort(parseAmount(line.netPrice)),
    currency: order.currency,
    taxRate: line.taxRate,
    quantity: String(line.quantity),
    image: line.image,
    category: line.category,
    volume: {
      height: line.height,
      width: line.width,
      length: line.length,
      volumeUnit: [{ unit: 'cm', language: order.languageCode }],
    },
    weight: { weight: line.weight, weightUnit: [{ unit: 'kg', language: order.languageCode }] },
    durableMediaDevice: '0',
    grossPrice: formatAmountShort(amounts[i]?.unitGross ?? 0n),
    gtin: line.gtin,
    model: line.model,
    productId: line.productInnerId === null ? '' : String(line.productInnerId),
  }));
}

function pick(values: Record<string, PayloadValue>, keys: string[]): PayloadObject {
  const out: PayloadObject = {};
  for (const key of keys) {
    const value = values[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The order-event payload `{"orders":{"order":[...]}}` for one webhook's whitelist. */
export function buildOrderWebhookPayload(
  order: StoredOrder,
  event: WebhookEvent,
  whitelist: readonly string[] | null,
  storeName: string,
): OrderWebhookPayload {
  const fields = fieldsFor(event, whitelist);
  const keysOf = (group: string) => fields.filter((f) => f.group === group).map((f) => f.key);
  const body = pick(orderValues(order, storeName), keysOf('order'));
  const historyKeys = keysOf('orderHistory');
  if (historyKeys.length > 0) body.orderHistory = pick(historyValues(order), historyKeys);
  const lineKeys = keysOf('orderProduct');
  if (lineKeys.length > 0)
    body.orderProducts = { orderProduct: lineValues(order).map((l) => pick(l, lineKeys)) };
  return { orders: { order: [body] } };
}
