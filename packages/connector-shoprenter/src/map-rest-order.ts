/**
 * A REST order (`GET /orders?full=1`) with its lines (`/orderProducts?orderId=`) and totals
 * (`/orderTotals?orderId=`) → the same normalised payload a webhook gives for the order, so one
 * `decodeOrder` serves both ways in. Differences from the webhook that this bridges (README.md):
 * REST lines have no `quantity` (stock1..stock4 hold it); the REST order's `total` is gross and it
 * has no net total, VAT total, fee prices or currency code, all of which come from `/orderTotals`
 * (SHIPPING and PAYMENT net, TAX, TOTAL gross, the currency from `valueText`, e.g. "2.400 Huf");
 * fee gross = net plus the order's `shippingMethodTaxRate` / `paymentMethodTaxRate`.
 * https://doc.shoprenter.hu/api/order.html
 */
import type { SourceEvent } from '@koppel/connector-sdk';
import { orderEventKey } from './event-key.js';
import { ORDER_CONFIRM, ORDER_STATUS_CHANGE } from './event-type.js';
import type { NormalizedObject } from './payload-normalizer.js';
import { stableStringify } from './payload-normalizer.js';
import type { RestOrder, RestOrderProduct, RestOrderTotal } from './rest-schemas.js';

/** The order's current status as `/orderStatuses` and `/orderStatusDescriptions` name it. */
export type RestStatus = { id: string; text: string };

export type RestOrderBundle = {
  order: RestOrder;
  lines: readonly RestOrderProduct[];
  totals: readonly RestOrderTotal[];
  status: RestStatus;
};

const SCALE = 4;
const ONE = 10n ** BigInt(SCALE);

/** A decimal string at 4 places as a bigint ("27.0000" → 270000n); undefined when not a number. */
function toScaled(text: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = BigInt(whole) * ONE + BigInt(`${fraction}0000`.slice(0, SCALE));
  return sign === '-' ? -digits : digits;
}

function fromScaled(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const fraction = (abs % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / ONE}${fraction === '' ? '' : `.${fraction}`}`;
}

/** Sum of decimal strings; "" when none or any is not a number (decoding then names the field). */
function sumOf(values: readonly string[]): string {
  let total = 0n;
  for (const value of values) {
    const scaled = toScaled(value);
    if (scaled === undefined) return '';
    total += scaled;
  }
  return values.length === 0 ? '' : fromScaled(total);
}

/** Net plus VAT at a percentage, rounded half up at 4 places; "" when net is empty. */
function grossOf(net: string, ratePercent: string): string {
  const scaledNet = toScaled(net);
  if (scaledNet === undefined) return '';
  const rate = toScaled(ratePercent) ?? 0n;
  const divisor = 100n * ONE;
  const product = scaledNet * rate;
  const tax = (product + (product >= 0n ? divisor / 2n : -divisor / 2n)) / divisor;
  return fromScaled(scaledNet + tax);
}

function totalsOf(totals: readonly RestOrderTotal[], type: string): string[] {
  return totals.filter((total) => total.type.toUpperCase() === type).map((total) => total.value);
}

/** "2.400 Huf" → "HUF"; "" when the text names no ISO-like code. */
export function currencyFromValueText(valueText: string): string {
  const code = valueText.trim().split(/\s+/).at(-1)?.toUpperCase() ?? '';
  return /^[A-Z]{3}$/.test(code) ? code : '';
}

function orderTotals(totals: readonly RestOrderTotal[]) {
  const gross = sumOf(totalsOf(totals, 'TOTAL'));
  const tax = sumOf(totalsOf(totals, 'TAX'));
  const net = gross !== '' && tax !== '' ? sumOf([gross, `-${tax}`.replace('--', '')]) : '';
  const named = totals.find((total) => total.type.toUpperCase() === 'TOTAL') ?? totals[0];
  return { gross, tax, net, currency: currencyFromValueText(named?.valueText ?? '') };
}

function quantityOf(line: RestOrderProduct): string {
  return sumOf([line.stock1, line.stock2, line.stock3, line.stock4].filter((value) => value !== ''));
}

function lineOf(line: RestOrderProduct, currency: string): NormalizedObject {
  return {
    innerId: line.innerId,
    name: line.name,
    sku: line.sku,
    gtin: line.gtin,
    model: line.modelNumber,
    price: line.price,
    grossPrice: line.grossPrice,
    currency,
    taxRate: line.taxRate,
    quantity: quantityOf(line),
  };
}

/** The webhook-shaped, normalised order (every value a string, lists as arrays). */
export function restOrderToPayload(bundle: RestOrderBundle, storeName: string): NormalizedObject {
  const { order, lines, totals, status } = bundle;
  const sums = orderTotals(totals);
  const shippingNet = sumOf(totalsOf(totals, 'SHIPPING'));
  const paymentNet = sumOf(totalsOf(totals, 'PAYMENT'));
  const address = (prefix: 'shipping' | 'payment') =>
    Object.fromEntries(
      [
        'Firstname',
        'Lastname',
        'Company',
        'Address1',
        'Address2',
        'City',
        'Postcode',
        'CountryName',
        'ZoneName',
      ].map((field) => [`${prefix}${field}`, order[`${prefix}${field}` as keyof RestOrder]]),
    );
  return {
    storeName,
    innerId: order.innerId,
    innerResourceId: `orders/${order.id}`,
    firstname: order.firstname,
    lastname: order.lastname,
    phone: order.phone,
    fax: order.fax,
    email: order.email,
    ...address('shipping'),
    ...address('payment'),
    paymentTaxnumber: order.taxNumber,
    taxNumber: order.taxNumber,
    // The webhook's shippingMethodCode is the mode's extension (README.md).
    shippingMethodName: order.shippingMethodName,
    shippingMethodCode: order.shippingMethodExtension,
    shippingNetPrice: shippingNet,
    shippingGrossPrice: grossOf(shippingNet, order.shippingMethodTaxRate),
    paymentMethodName: order.paymentMethodName,
    paymentMethodCode: order.paymentMethodCode,
    paymentNetPrice: paymentNet,
    paymentGrossPrice: grossOf(paymentNet, order.paymentMethodTaxRate),
    comment: order.comment,
    total: sums.net,
    totalGross: sums.gross,
    taxPrice: sums.tax,
    currency: sums.currency,
    dateCreated: order.dateCreated,
    orderHistory: {
      status: status.id,
      statusText: status.text,
      comment: '',
      // REST has no history date on the order; its last update is the closest (README.md).
      dateAdded: order.dateUpdated.replace('T', ' '),
    },
    orderProducts: { orderProduct: lines.map((line) => lineOf(line, sums.currency)) },
  };
}

/** One poll event: the webhook-shaped payload and the key a webhook of the same state has. */
export function restOrderToEvent(bundle: RestOrderBundle, storeName: string): SourceEvent {
  const payload = restOrderToPayload(bundle, storeName);
  const { order } = bundle;
  // An order not touched since it was placed is what `order_confirm` reports; else a change.
  const eventType = order.dateUpdated === order.dateCreated ? ORDER_CONFIRM : ORDER_STATUS_CHANGE;
  return {
    eventType,
    eventKey: orderEventKey(order.innerId, bundle.status.id),
    externalOrderId: order.innerId,
    payload: new TextEncoder().encode(stableStringify(payload)),
  };
}
