/**
 * Decodes one normalised Shoprenter webhook order (the payload split-webhook.ts produced) into
 * the canonical order. The result always passes validateCanonicalOrder; anything that would
 * not is a DECODE_FAILED error naming the payload field (or canonical path) at fault.
 * Timestamps: `updated_at` = `orderHistory.dateAdded`; `created_at` = `dateCreated` when a
 * payload has it, else `dateAdded` (for a status change that is the change time, the closest
 * the webhook offers), else the time ingest received the webhook.
 */
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DecodeContext } from '@koppel/connector-sdk';
import { type CanonicalOrder, CanonicalOrderSchema, VatRounding } from '@koppel/contracts';
import { computeTotals, isKnownCurrency, validateCanonicalOrder } from '@koppel/order-model';
import { budapestLocalToUtc } from './budapest-time.js';
import { checkSourceTotals } from './check-source-totals.js';
import { decodeFailed } from './decode-errors.js';
import { mapOrderLines } from './map-order-lines.js';
import { mapBillingAddress, mapCustomer, mapShippingAddress } from './map-order-parties.js';
import { type ShoprenterOrder, shoprenterOrderSchema } from './order-payload-schema.js';
import { mapShoprenterStatus } from './shoprenter-status-table.js';

/** Refuses bytes that are not UTF-8 (`fatal`); one decoder serves every call. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const SHOPRENTER_SYSTEM = 'shoprenter';

function parsePayload(payload: Uint8Array): ShoprenterOrder {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload));
  } catch (error) {
    throw decodeFailed('payload is not UTF-8 JSON', 'payload', error);
  }
  const result = shoprenterOrderSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = (issue?.path ?? []).map((part) =>
      typeof part === 'number' ? `[${part}]` : `.${String(part)}`,
    );
    throw decodeFailed(issue?.message ?? 'invalid payload', field.join('').replace(/^\./, '') || 'payload');
  }
  return result.data;
}

function resolveCurrency(order: ShoprenterOrder): string {
  const currency = (order.currency || order.orderProducts.orderProduct[0]?.currency || '').toUpperCase();
  if (!isKnownCurrency(currency)) throw decodeFailed(`unsupported currency "${currency}"`, 'currency');
  return currency;
}

function toTimestamp(text: string, field: string) {
  try {
    const date = budapestLocalToUtc(text);
    return date === undefined ? undefined : timestampFromDate(date);
  } catch (error) {
    throw decodeFailed(`${field} "${text}" is not a Shoprenter date`, field, error);
  }
}

function timestamps(order: ShoprenterOrder, receivedAt: Date) {
  const updatedAt = toTimestamp(order.orderHistory.dateAdded, 'orderHistory.dateAdded');
  const createdAt =
    toTimestamp(order.dateCreated, 'dateCreated') ?? updatedAt ?? timestampFromDate(receivedAt);
  return { createdAt, updatedAt: updatedAt ?? createdAt };
}

export function decodeShoprenterOrder(payload: Uint8Array, context: DecodeContext): CanonicalOrder {
  const parsed = parsePayload(payload);
  const order = { ...parsed, currency: resolveCurrency(parsed) };
  const lines = mapOrderLines(order);
  const totals = computeTotals(lines, VatRounding.PER_LINE);
  checkSourceTotals(order, totals, lines.length);
  const { status, paymentStatus } = mapShoprenterStatus(order.orderHistory.statusText);
  const canonical = create(CanonicalOrderSchema, {
    connectionId: context.connectionId,
    tenantId: context.tenantId,
    sourceSystem: SHOPRENTER_SYSTEM,
    externalId: order.innerId,
    orderNumber: order.innerId,
    status,
    sourceStatusCode: order.orderHistory.status,
    sourceStatusText: order.orderHistory.statusText,
    paymentStatus,
    ...timestamps(order, context.receivedAt),
    currency: order.currency,
    customer: mapCustomer(order),
    billingAddress: mapBillingAddress(order),
    shippingAddress: mapShippingAddress(order),
    lines,
    totals,
    paymentMethodCode: order.paymentMethodCode,
    paymentMethodName: order.paymentMethodName,
    shippingMethodCode: order.shippingMethodCode,
    shippingMethodName: order.shippingMethodName,
    comment: order.comment,
    languageCode: order.languageCode.toLowerCase(),
    vatRounding: VatRounding.PER_LINE,
  });
  const problem = validateCanonicalOrder(canonical)[0];
  if (problem !== undefined) throw decodeFailed(`canonical ${problem.path} ${problem.message}`, problem.path);
  return canonical;
}
