/**
 * Decodes one polled Mijnwebwinkel order (the Order resource exactly as the API served it) into
 * the canonical order. The result always passes validateCanonicalOrder, and its gross total is
 * the shop's `price.total` to the cent; anything else is a DECODE_FAILED naming the field.
 * Statuses are the shop's own (store-specific ids, `/orderstatuses`), so the canonical status is
 * left unspecified and the id kept as `sourceStatusCode` for the connection's status filter; the
 * payment status comes from `payment_status`. Dates are shop time (Europe/Amsterdam).
 * https://myonlinestore.github.io/public-api-docs/
 */
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DecodeContext } from '@koppel/connector-sdk';
import {
  type CanonicalOrder,
  CanonicalOrderSchema,
  OrderStatus,
  PaymentStatus,
  VatRounding,
} from '@koppel/contracts';
import { computeTotals, isKnownCurrency, parseMinorUnits, validateCanonicalOrder } from '@koppel/order-model';
import { type MijnwebwinkelOrder, mijnwebwinkelOrderSchema } from './api-schemas.js';
import { decodeFailed } from './errors.js';
import { mapOrderLines } from './map-order-lines.js';
import { mapBillingAddress, mapCustomer, mapShippingAddress } from './map-order-parties.js';
import { shopLocalToUtc } from './shop-time.js';

/** Refuses bytes that are not UTF-8 (`fatal`); one decoder serves every call. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const MIJNWEBWINKEL_SYSTEM = 'mijnwebwinkel';
/** The API prints shop time without a zone; Mijnwebwinkel shops are Dutch. */
export const SHOP_TIME_ZONE = 'Europe/Amsterdam';

/** `payment_status` (deprecated in favour of the payments endpoint, still served). */
const PAYMENT_STATUSES: Readonly<Record<string, PaymentStatus>> = {
  captured: PaymentStatus.PAID,
  refunded: PaymentStatus.REFUNDED,
  new: PaymentStatus.UNPAID,
  pending: PaymentStatus.UNPAID,
  authorized: PaymentStatus.UNPAID,
  voided: PaymentStatus.UNPAID,
  failed: PaymentStatus.UNPAID,
  incomplete: PaymentStatus.UNPAID,
};

function parsePayload(payload: Uint8Array): MijnwebwinkelOrder {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload));
  } catch (error) {
    throw decodeFailed('payload is not UTF-8 JSON', 'payload', error);
  }
  const result = mijnwebwinkelOrderSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = (issue?.path ?? [])
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '');
    throw decodeFailed(issue?.message ?? 'invalid payload', field || 'payload');
  }
  return result.data;
}

function timestamp(date: string, time: string, field: string) {
  const at = shopLocalToUtc(date, time, SHOP_TIME_ZONE);
  if (at === undefined) throw decodeFailed(`"${date} ${time}" is not a date and time`, field);
  return timestampFromDate(at);
}

export function decodeMijnwebwinkelOrder(payload: Uint8Array, context: DecodeContext): CanonicalOrder {
  const order = parsePayload(payload);
  const currency = order.currency.toUpperCase();
  if (!isKnownCurrency(currency)) throw decodeFailed(`unsupported currency "${currency}"`, 'currency');
  const lines = mapOrderLines({ ...order, currency });
  const totals = computeTotals(lines, VatRounding.PER_LINE);
  let total: bigint;
  try {
    total = parseMinorUnits(order.price.total, currency);
  } catch (error) {
    throw decodeFailed(`price.total "${order.price.total}" is not an amount`, 'price.total', error);
  }
  if (totals.gross !== total) {
    throw decodeFailed(
      `the lines add up to ${totals.gross} minor units, price.total is ${total}`,
      'price.total',
    );
  }
  const createdAt = timestamp(order.date, order.time, 'date');
  const updatedAt =
    order.status_changed_date === ''
      ? createdAt
      : timestamp(order.status_changed_date, order.status_changed_time || '00:00:00', 'status_changed_date');
  const canonical = create(CanonicalOrderSchema, {
    connectionId: context.connectionId,
    tenantId: context.tenantId,
    sourceSystem: MIJNWEBWINKEL_SYSTEM,
    externalId: order.number,
    orderNumber: order.number,
    status: OrderStatus.UNSPECIFIED,
    sourceStatusCode: String(order.status),
    sourceStatusText: '',
    paymentStatus: PAYMENT_STATUSES[order.payment_status] ?? PaymentStatus.UNSPECIFIED,
    createdAt,
    updatedAt,
    currency,
    customer: mapCustomer(order),
    billingAddress: mapBillingAddress(order),
    shippingAddress: mapShippingAddress(order),
    lines,
    totals,
    paymentMethodCode: order.payment.method_name,
    paymentMethodName: order.payment.method_name,
    comment: order.comments.customer,
    languageCode: order.locale.slice(0, 2).toLowerCase(),
    vatRounding: VatRounding.PER_LINE,
  });
  const problem = validateCanonicalOrder(canonical)[0];
  if (problem !== undefined) throw decodeFailed(`canonical ${problem.path} ${problem.message}`, problem.path);
  return canonical;
}
