/**
 * Decodes one till order (the `getOrders` order as Mplus served it, with its relation) into the
 * canonical order: lines in exact minor units (`map-till-lines.ts`), the relation as the customer
 * (a company name makes a company customer with the contact person), the order's invoice address
 * or else the relation's address. The gross total must equal Mplus's `totalInclAmount` to the
 * cent; a difference is booked as an explicit "Rounding (till)" line at 0 %, never dropped.
 * https://github.com/MplusKASSA/mplusqapi-php/blob/master/mplusqapi.wsdl
 */
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DecodeContext } from '@koppel/connector-sdk';
import {
  type Address,
  AddressSchema,
  type CanonicalOrder,
  CanonicalOrderSchema,
  type Customer,
  CustomerSchema,
  LineKind,
  OrderStatus,
  PaymentStatus,
  VatRounding,
} from '@koppel/contracts';
import {
  buildLineFromGross,
  computeTotals,
  isKnownCurrency,
  resolveCountryCode,
  splitStreetAndHouseNumber,
  validateCanonicalOrder,
} from '@koppel/order-model';
import type { MplusRelation } from '../api-schemas.js';
import { type TillOrder, type TillOrderPayload, tillOrderPayloadSchema } from './api-schemas.js';
import { decodeFailed } from './decode-errors.js';
import { mapTillLine, type VatMethod } from './map-till-lines.js';

/** Refuses bytes that are not UTF-8 (`fatal`); one decoder serves every call. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const MPLUS_SOURCE_EVENT = 'till_order';
/** More than this many cents between the lines and `totalInclAmount` is not rounding but an error. */
const MAX_ROUNDING_CENTS = 5n;
const VAT_METHODS = new Set([
  'VAT-METHOD-INCLUSIVE',
  'VAT-METHOD-EXCLUSIVE',
  'VAT-METHOD-SHIFTED',
  'VAT-METHOD-NONE',
]);

function parsePayload(payload: Uint8Array): TillOrderPayload {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload));
  } catch (error) {
    throw decodeFailed('payload is not UTF-8 JSON', 'payload', error);
  }
  const result = tillOrderPayloadSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw decodeFailed(issue?.message ?? 'invalid payload', (issue?.path ?? []).join('.') || 'payload');
  }
  return result.data;
}

/** The order's number as the till prints it (`2025-1001`), else its internal id. */
export function tillOrderNumber(order: TillOrder): string {
  return order.orderNumber ? `${order.orderNumber.year}-${order.orderNumber.number}` : order.orderId;
}

function splitName(name: string): { firstName: string; lastName: string } {
  const words = name.replace(/\s+/g, ' ').trim();
  const space = words.indexOf(' ');
  return space < 0
    ? { firstName: '', lastName: words }
    : { firstName: words.slice(0, space), lastName: words.slice(space + 1) };
}

export function mapTillCustomer(relation: MplusRelation | undefined, order: TillOrder): Customer {
  const company = (relation?.companyName ?? order.invoiceAddress?.companyName ?? '').trim();
  // A company relation names its contact person in `contact`; a person relation in `name`.
  const person =
    (company !== '' ? relation?.contact || relation?.name : relation?.name) ??
    order.invoiceAddress?.name ??
    '';
  return create(CustomerSchema, {
    email: (relation?.email ?? '').trim(),
    ...splitName(person === company ? '' : person),
    companyName: company,
    vatNumber: (relation?.vatNumber ?? '').replace(/\s+/g, '').toUpperCase(),
    phone: (relation?.telephone ?? '').trim(),
    sourceCustomerId: relation?.relationNumber ?? order.relationNumber ?? '',
  });
}

function toAddress(parts: {
  name?: string;
  companyName?: string;
  address?: string;
  zipcode?: string;
  city?: string;
  country?: string;
}): Address {
  const { street, houseNumber, addition } = splitStreetAndHouseNumber(parts.address ?? '');
  const country = (parts.country ?? '').trim();
  return create(AddressSchema, {
    ...splitName(parts.name ?? ''),
    companyName: (parts.companyName ?? '').trim(),
    street,
    houseNumber,
    houseNumberAddition: addition,
    postcode: (parts.zipcode ?? '').replace(/\s+/g, ' ').trim().toUpperCase(),
    city: (parts.city ?? '').trim(),
    countryCode: /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : (resolveCountryCode(country) ?? ''),
    countryName: country,
  });
}

function billingOf(relation: MplusRelation | undefined, order: TillOrder): Address {
  if (order.invoiceAddress?.address) return toAddress(order.invoiceAddress);
  return toAddress({ ...relation, name: relation?.contact || relation?.name });
}

function shippingOf(relation: MplusRelation | undefined, order: TillOrder): Address {
  if (order.deliveryAddress?.address) return toAddress(order.deliveryAddress);
  if (relation?.deliveryAddress) {
    return toAddress({
      name: relation.contact || relation.name,
      companyName: relation.companyName,
      address: relation.deliveryAddress,
      zipcode: relation.deliveryZipcode,
      city: relation.deliveryCity,
      country: relation.deliveryCountry,
    });
  }
  return billingOf(relation, order);
}

function createdAtOf(order: TillOrder) {
  const t = order.entryTimestamp;
  if (!t) throw decodeFailed('the order has no entry timestamp', 'order.entryTimestamp');
  // The simulator and the vendor's examples give UTC (`timezone` 0); see README.
  const at = new Date(Date.UTC(+t.year, +t.mon - 1, +t.day, +t.hour, +t.min, +t.sec));
  if (Number.isNaN(at.getTime()))
    throw decodeFailed('the entry timestamp is not a date', 'order.entryTimestamp');
  return timestampFromDate(at);
}

/** Decodes one till-order event (its currency is the connection's, set by the poll). Pure. */
export function decodeTillOrder(payload: Uint8Array, context: DecodeContext): CanonicalOrder {
  const { order, relation, currency } = parsePayload(payload);
  if (!isKnownCurrency(currency)) throw decodeFailed(`unsupported currency "${currency}"`, 'currency');
  const method = order.vatMethod ?? 'VAT-METHOD-INCLUSIVE';
  if (!VAT_METHODS.has(method)) throw decodeFailed(`unknown VAT method "${method}"`, 'order.vatMethod');
  if (order.lineList.length === 0) throw decodeFailed('the order has no lines', 'order.lineList');
  const lines = order.lineList.flatMap((line, index) =>
    mapTillLine(line, method as VatMethod, `order.lineList.line[${index}]`, currency),
  );
  const total = BigInt(order.totalInclAmount);
  const difference = total - computeTotals(lines, VatRounding.PER_LINE).gross;
  if (difference !== 0n) {
    if (difference > MAX_ROUNDING_CENTS || difference < -MAX_ROUNDING_CENTS) {
      throw decodeFailed(
        `the lines add up to ${total - difference} cents, totalInclAmount is ${total}`,
        'order.totalInclAmount',
      );
    }
    lines.push(
      buildLineFromGross({
        name: 'Rounding (till)',
        kind: LineKind.PRODUCT,
        totalGross: difference,
        vatRateBp: 0,
      }),
    );
  }
  const createdAt = createdAtOf(order);
  const number = tillOrderNumber(order);
  const canonical = create(CanonicalOrderSchema, {
    connectionId: context.connectionId,
    tenantId: context.tenantId,
    sourceSystem: 'mplus',
    externalId: order.orderId,
    orderNumber: number,
    status: OrderStatus.UNSPECIFIED,
    sourceStatusCode: '',
    sourceStatusText: '',
    paymentStatus: PaymentStatus.UNSPECIFIED,
    createdAt,
    updatedAt: createdAt,
    currency,
    customer: mapTillCustomer(relation, order),
    billingAddress: billingOf(relation, order),
    shippingAddress: shippingOf(relation, order),
    lines,
    totals: computeTotals(lines, VatRounding.PER_LINE),
    paymentMethodCode: order.paymentMethod ?? '',
    paymentMethodName: order.paymentMethod ?? '',
    comment: order.reference ?? '',
    languageCode: 'nl',
    vatRounding: VatRounding.PER_LINE,
  });
  const problem = validateCanonicalOrder(canonical)[0];
  if (problem !== undefined) throw decodeFailed(`canonical ${problem.path} ${problem.message}`, problem.path);
  return canonical;
}
