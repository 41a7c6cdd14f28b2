/**
 * Decodes one exported myShop order (the event payload: its XML tree as JSON) into the
 * canonical order. The result always passes validateCanonicalOrder; anything that would not is
 * a DECODE_FAILED error naming the export field (or canonical path) at fault. The lines must add
 * up to the export's own total incl. VAT within one cent per line (README "Money").
 */
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DecodeContext } from '@koppel/connector-sdk';
import { type CanonicalOrder, CanonicalOrderSchema, VatRounding } from '@koppel/contracts';
import { computeTotals, isKnownCurrency, toDecimalString, validateCanonicalOrder } from '@koppel/order-model';
import { ASSUMED_FIELDS as F, TRUE_FLAG } from './assumed-fields.js';
import { amountOf, decodeFailed } from './decode-errors.js';
import { mapOrderLines } from './map-order-lines.js';
import { mapBillingAddress, mapCustomer, mapShippingAddress } from './map-order-parties.js';
import { mapOrderStatus, mapPaymentStatus } from './map-status.js';
import { type ExportOrder, exportOrderSchema } from './order-schema.js';
import { changeTimeToUtc } from './shop-time.js';

/** Refuses bytes that are not UTF-8 (`fatal`); one decoder serves every call. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const MYSHOP_SYSTEM = 'myshop';

function parsePayload(payload: Uint8Array): ExportOrder {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload));
  } catch (error) {
    throw decodeFailed('payload is not UTF-8 JSON', 'payload', error);
  }
  const result = exportOrderSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = (issue?.path ?? []).map((part) =>
      typeof part === 'number' ? `[${part}]` : `.${String(part)}`,
    );
    throw decodeFailed(issue?.message ?? 'invalid payload', path.join('').replace(/^\./, '') || 'payload');
  }
  return result.data;
}

function instant(text: string, field: string): Date {
  try {
    return changeTimeToUtc(text);
  } catch (error) {
    throw decodeFailed(`${field} "${text}" is not a shop time`, field, error);
  }
}

function checkTotal(order: ExportOrder, gross: bigint, lineCount: number, currency: string): void {
  const totals = order[F.totals];
  if (totals === '' || totals[F.totalIncl] === '') return;
  const field = `${F.totals}.${F.totalIncl}`;
  const stated = amountOf(totals[F.totalIncl], currency, field);
  const difference = stated - gross;
  if (difference > BigInt(lineCount) || difference < -BigInt(lineCount)) {
    throw decodeFailed(
      `${field} is ${totals[F.totalIncl]} but the lines add up to ${toDecimalString(gross, currency)}`,
      field,
    );
  }
}

export function decodeMyshopOrder(payload: Uint8Array, context: DecodeContext): CanonicalOrder {
  const order = parsePayload(payload);
  const currency = order[F.currency].trim().toUpperCase();
  if (!isKnownCurrency(currency)) throw decodeFailed(`unsupported currency "${currency}"`, F.currency);
  const lines = mapOrderLines(order, currency);
  const totals = computeTotals(lines, VatRounding.PER_LINE);
  checkTotal(order, totals.gross, lines.length, currency);
  const placedAt = `${order[F.orderDate]} ${order[F.orderTime]}`.replace(/[-: ]/g, '');
  const createdAt = instant(placedAt, `${F.orderDate} ${F.orderTime}`);
  const updatedAt = instant(order[F.changeTime], F.changeTime);
  const canonical = create(CanonicalOrderSchema, {
    connectionId: context.connectionId,
    tenantId: context.tenantId,
    sourceSystem: MYSHOP_SYSTEM,
    externalId: order[F.shopOrder],
    orderNumber: order[F.orderNumber],
    status: mapOrderStatus(order[F.orderStatusId], order[F.orderStatusCustom] === TRUE_FLAG),
    sourceStatusCode: order[F.orderStatusId],
    sourceStatusText: order[F.orderStatus],
    paymentStatus: mapPaymentStatus(order[F.paymentStatus]),
    createdAt: timestampFromDate(createdAt),
    updatedAt: timestampFromDate(updatedAt),
    currency,
    customer: mapCustomer(order),
    billingAddress: mapBillingAddress(order),
    shippingAddress: mapShippingAddress(order),
    lines,
    totals,
    comment: order[F.comment],
    vatRounding: VatRounding.PER_LINE,
  });
  const problem = validateCanonicalOrder(canonical)[0];
  if (problem !== undefined) throw decodeFailed(`canonical ${problem.path} ${problem.message}`, problem.path);
  return canonical;
}
