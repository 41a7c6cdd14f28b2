/**
 * Canonical order → Mplus `Order` (createOrder / queueBranchOrder, WSDL `Order`), everything but
 * the relation number, which is known only after the relation step. Pure: currency, articles,
 * tax codes, turnover groups and the EN 16931 arithmetic are checked here, before any call.
 */
import type { CanonicalOrder } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { reverseChargeVatNumber, wallClockIn } from '@koppel/order-model';
import { checkDocumentArithmetic, type DocumentTotals } from './en16931-check.js';
import { mplusError } from './errors.js';
import { legalTextLine } from './legal-text-line.js';
import { type MplusLineDraft, type MplusVatMethod, mapLines, toCents } from './map-lines.js';
import { addressText } from './map-relation.js';
import type { MplusSettings } from './settings.js';

export type MplusAddress = {
  name: string;
  contact: string;
  address: string;
  zipcode: string;
  city: string;
  country: string;
  companyName: string;
};

export type MplusOrderDraft = {
  documentType: MplusSettings['documentType'];
  operation: MplusSettings['orderOperation'];
  extOrderId: string;
  entryBranchNumber: number;
  workplaceNumber: number | undefined;
  employeeNumber: number;
  reference: string;
  financialDate: { day: number; mon: number; year: number };
  vatMethod: MplusVatMethod;
  deliveryMethod: string | undefined;
  invoiceAddress: MplusAddress | undefined;
  deliveryAddress: MplusAddress | undefined;
  totals: DocumentTotals;
  lines: MplusLineDraft[];
};

export function extOrderId(order: CanonicalOrder, prefix: string): string {
  return `${prefix}${order.orderNumber}`;
}

export function mapOrder(order: CanonicalOrder, settings: MplusSettings): MplusOrderDraft {
  if (order.currency !== settings.currency) {
    throw mplusError(
      'CURRENCY_NOT_SUPPORTED',
      `the Mplus administration is in ${settings.currency}; order ${order.orderNumber} is in "${order.currency}"`,
      { field: 'order.currency', details: { currency: order.currency, accepted: [settings.currency] } },
    );
  }
  if (order.createdAt === undefined) {
    throw appError('VALIDATION_FAILED', 'order has no date', { field: 'order.createdAt' });
  }
  const country = order.shippingAddress?.countryCode || order.billingAddress?.countryCode || '';
  const vatMethod = chooseVatMethod(order, settings);
  const lines = mapLines(order, settings, vatMethod, country);
  const legalText = legalTextLine(reverseChargeOf(order, settings), settings, vatMethod, country);
  if (legalText) lines.push(legalText);
  const shop = order.totals;
  const totals = checkDocumentArithmetic(
    order,
    lines,
    vatMethod,
    shop && {
      net: toCents(shop.net, order.currency),
      vat: toCents(shop.vat, order.currency),
      gross: toCents(shop.gross, order.currency),
    },
  );
  const instant = new Date(Number(order.createdAt.seconds) * 1000);
  return {
    documentType: settings.documentType,
    operation: settings.orderOperation,
    extOrderId: extOrderId(order, settings.extOrderIdPrefix),
    entryBranchNumber: settings.entryBranchNumber,
    workplaceNumber: settings.workplaceNumber,
    employeeNumber: settings.employeeNumber,
    reference: `Webshop #${order.orderNumber}`,
    financialDate: financialDate(instant, settings.timeZone),
    vatMethod,
    deliveryMethod: deliveryMethodFor(order, settings),
    invoiceAddress: order.billingAddress && toAddress(order.billingAddress, order),
    deliveryAddress: order.shippingAddress && toAddress(order.shippingAddress, order),
    totals,
    lines,
  };
}

/**
 * The customer's VAT number when the order is an EU B2B reverse-charge sale, decided as every
 * target decides it (`reverseChargeVatNumber` of `@koppel/order-model`): a company with a VAT
 * number of its own member state, not the shop's, and no VAT on any line.
 */
export function reverseChargeOf(order: CanonicalOrder, settings: MplusSettings): string | undefined {
  const country = order.billingAddress?.countryCode || order.shippingAddress?.countryCode || '';
  const noVat = order.lines.every((line) => line.vatAmount === 0n);
  const vatNumber = reverseChargeVatNumber(
    order.customer?.companyName ? (order.customer?.vatNumber ?? '') : '',
    country,
    settings.homeCountry,
    order.lines.map((line) => line.vatRateBp),
  );
  return noVat ? vatNumber : undefined;
}

/** SHIFTED (reverse charge) for an EU B2B reverse-charge order; otherwise the connection's method. */
export function chooseVatMethod(order: CanonicalOrder, settings: MplusSettings): MplusVatMethod {
  const noVat = order.lines.every((line) => line.vatAmount === 0n && line.vatRateBp === 0);
  if (reverseChargeOf(order, settings) !== undefined || settings.vatMethod === 'shifted') {
    if (!noVat) {
      throw appError(
        'VALIDATION_FAILED',
        `order ${order.orderNumber} carries VAT; it cannot be sent VAT-shifted`,
        {
          field: 'target.settings.vatMethod',
        },
      );
    }
    return 'VAT-METHOD-SHIFTED';
  }
  return settings.vatMethod === 'exclusive' ? 'VAT-METHOD-EXCLUSIVE' : 'VAT-METHOD-INCLUSIVE';
}

/** The shop's shipping method (by code, then by name) through the connection's table. */
export function deliveryMethodFor(order: CanonicalOrder, settings: MplusSettings): string | undefined {
  const table = settings.deliveryMethods;
  const byCode = order.shippingMethodCode ? table[order.shippingMethodCode] : undefined;
  const byName = order.shippingMethodName ? table[order.shippingMethodName] : undefined;
  return byCode ?? byName ?? settings.defaultDeliveryMethod;
}

function toAddress(
  address: NonNullable<CanonicalOrder['billingAddress']>,
  order: CanonicalOrder,
): MplusAddress {
  const person = [address.firstName, address.lastName].filter(Boolean).join(' ').trim();
  const company = address.companyName || order.customer?.companyName || '';
  return {
    name: company || person,
    contact: person,
    address: addressText(address),
    zipcode: address.postcode,
    city: address.city,
    country: address.countryCode || address.countryName,
    companyName: company,
  };
}

/** The calendar day of `instant` in `timeZone` (SoapMplusDate). */
function financialDate(instant: Date, timeZone: string): { day: number; mon: number; year: number } {
  const local = wallClockIn(instant, timeZone);
  return { day: local.day, mon: local.month, year: local.year };
}
