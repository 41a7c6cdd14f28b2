/**
 * Pure: a canonical (till) order → the shop order body. Money stays in integer cents until the
 * edge; every line's gross is the till's to the cent, and when a product line's gross does not
 * divide by its quantity, the remainder is an explicit "(afronding)" custom line at the same
 * rate, so the shop order's total equals the till's exactly.
 */
import { type CanonicalOrder, LineKind, type Address as OrderAddress } from '@koppel/contracts';
import type { PreparedDocument } from '@koppel/connector-sdk';
import { CUSTOM_LINE_WEIGHT, REFERENCE_PREFIX, TILL_PAYMENT } from './assumptions.js';
import type { MijnwebwinkelOrderBody, OrderLineDraft, PostableAddress } from './order-body.js';
import { mijnwebwinkelTargetErrors } from './target-errors.js';
import type { MijnwebwinkelTargetSettings } from './target-settings.js';

/** Cents → "12.34" / "-0.05". */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Basis points → "21.00". */
export function formatRate(bp: number): string {
  return `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** The line that carries the till reference in `comments.internal`; the look-up matches it. */
export function referenceLine(reference: string): string {
  return `${REFERENCE_PREFIX}${reference}`;
}

/** The reference of a till order: its number, else its id in the till. */
export function tillReferenceOf(order: CanonicalOrder): string {
  return order.orderNumber !== '' ? order.orderNumber : order.externalId;
}

function toAddress(address: OrderAddress | undefined, order: CanonicalOrder): PostableAddress {
  const customer = order.customer;
  const name = [address?.firstName ?? customer?.firstName, address?.lastName ?? customer?.lastName]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' ');
  return {
    name: name !== '' ? name : (customer?.companyName ?? ''),
    company: address?.companyName || customer?.companyName || '',
    phone: customer?.phone ?? '',
    street: address?.street ?? '',
    number: [address?.houseNumber, address?.houseNumberAddition].filter(Boolean).join(' '),
    zipcode: address?.postcode ?? '',
    city: address?.city ?? '',
    country_code: address?.countryCode || 'NL',
  };
}

function mapLines(order: CanonicalOrder): OrderLineDraft[] {
  return order.lines.flatMap((line, index): OrderLineDraft[] => {
    const rate = formatRate(line.vatRateBp);
    const custom = (description: string, cents: bigint): OrderLineDraft => ({
      type: 'custom',
      description,
      quantity: 1,
      unit_price: { amount_including_tax: formatCents(cents), rate },
      unit_weight: CUSTOM_LINE_WEIGHT,
    });
    if (line.kind !== LineKind.PRODUCT) return [custom(line.name, line.totalGross)];
    if (line.sku === '') {
      throw mijnwebwinkelTargetErrors.invalidOrder(
        `line ${index + 1} (${line.name}) has no SKU`,
        `lines[${index}].sku`,
      );
    }
    if (line.quantity <= 0) {
      throw mijnwebwinkelTargetErrors.invalidOrder(
        `line ${index + 1} (${line.sku}) has quantity ${line.quantity}; a shop order takes only positive quantities`,
        `lines[${index}].quantity`,
      );
    }
    const quantity = BigInt(line.quantity);
    const unit = line.totalGross / quantity;
    const remainder = line.totalGross - unit * quantity;
    const article: OrderLineDraft = {
      type: 'article',
      sku: line.sku,
      quantity: line.quantity,
      price_override: formatCents(unit),
    };
    return remainder === 0n ? [article] : [article, custom(`${line.name} (afronding)`, remainder)];
  });
}

function lineGross(line: OrderLineDraft): bigint {
  const price = line.type === 'article' ? line.price_override : line.unit_price.amount_including_tax;
  const [whole = '0', cents = '00'] = price.replace('-', '').split('.');
  const abs = BigInt(whole) * 100n + BigInt(cents);
  return (price.startsWith('-') ? -abs : abs) * BigInt(line.quantity);
}

/**
 * The shop order is created after the till order, so the look-up starts at the till order's day;
 * one day earlier, because the shop dates orders in its own zone and the till's time is UTC.
 */
export function searchFromDate(order: CanonicalOrder): string {
  const seconds = order.createdAt === undefined ? 0 : Number(order.createdAt.seconds);
  return new Date((seconds - 86_400) * 1000).toISOString().slice(0, 10);
}

export function prepareMijnwebwinkelOrder(
  order: CanonicalOrder,
  settings: MijnwebwinkelTargetSettings,
): PreparedDocument<MijnwebwinkelOrderBody> {
  const email = order.customer?.email ?? '';
  if (email === '')
    throw mijnwebwinkelTargetErrors.invalidOrder('the order has no customer e-mail', 'customer.email');
  const orderlines = mapLines(order);
  const total = order.totals?.gross ?? 0n;
  const sent = orderlines.reduce((sum, line) => sum + lineGross(line), 0n);
  if (sent !== total) {
    throw mijnwebwinkelTargetErrors.invalidOrder(
      `the lines add up to ${formatCents(sent)} but the order total is ${formatCents(total)}`,
      'totals.gross',
    );
  }
  const reference = tillReferenceOf(order);
  const invoice = toAddress(order.billingAddress, order);
  const company = invoice.company.trim() !== '';
  return {
    number: reference,
    body: {
      status: settings.orderStatus,
      comments: { internal: referenceLine(reference) },
      // A company's order is B2B with the till reference as its `reference` (spec "Business
      // models": B2B needs the invoice address's company); the store may narrow it to B2C.
      business_model: company ? 'B2B' : 'B2C',
      ...(company ? { reference } : {}),
      payment: TILL_PAYMENT,
      debtor: {
        email,
        address: {
          invoice: { ...invoice, taxnumber: order.customer?.vatNumber ?? '' },
          delivery: toAddress(order.shippingAddress ?? order.billingAddress, order),
        },
      },
      orderlines,
      totalGrossCents: String(total),
      currency: order.currency,
      searchFrom: searchFromDate(order),
    },
  };
}
