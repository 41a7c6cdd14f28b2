/**
 * Canonical order → Asperion sales invoice with lines (`POST /v1/salesinvoiceswithlines`,
 * README.md). Lines are financial (no article or quantity field [C-code]): one line per
 * order line, amount excl. VAT [I], with its ledger account, VAT code and VAT amount. Money stays
 * bigint minor units here; `toSalesInvoiceBody` turns it into JSON numbers at the edge.
 */
import { type CanonicalOrder, LineKind, type OrderLine } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { lineVatAmounts, reverseChargeVatNumber } from '@koppel/order-model';
import { asperionError } from './errors.js';
import type { AsperionSettings } from './settings.js';
import { toBookDate } from './book-date.js';
import { resolveRevenueAccount, resolveVatCode } from './resolve-ledger.js';

export type InvoiceMappingSettings = Pick<
  AsperionSettings,
  | 'journalId'
  | 'paymentConditionId'
  | 'revenueAccounts'
  | 'vatCodes'
  | 'shippingLedgerAccountId'
  | 'paymentFeeLedgerAccountId'
  | 'discountLedgerAccountId'
  | 'invoiceNumberPrefix'
  | 'sendInvoiceAs'
  | 'timeZone'
  | 'homeCountry'
  | 'reverseCharge'
>;

export type SalesInvoiceLineDraft = {
  description: string;
  /** Excl. VAT, minor units (cents). */
  amount: bigint;
  ledgerAccountId: number;
  vatCode: string;
  vatAmount: bigint;
};

/** Everything of the invoice but its debtor, which is known only after the debtor step. */
export type SalesInvoiceDraft = {
  invoiceNumber: string;
  date: string;
  bookyear: number;
  bookperiod: number;
  journalId: string;
  description: string;
  paymentConditionId: number | undefined;
  /** 1 Concept or 3 InLedger (status list in README.md). */
  status: 1 | 3;
  amountExclVat: bigint;
  vatAmount: bigint;
  amountInclVat: bigint;
  lines: SalesInvoiceLineDraft[];
};

/**
 * Asperion keeps no currency on debtors or invoices: the administration's books are in euro
 * (README.md "Currency", README "Vendor facts"), so any other currency is refused.
 */
const BOOK_CURRENCY = 'EUR';
const MAX_DESCRIPTION = 255;
const FALLBACK_NAMES: Partial<Record<LineKind, string>> = {
  [LineKind.SHIPPING]: 'Verzendkosten',
  [LineKind.PAYMENT_FEE]: 'Betaalkosten',
  [LineKind.DISCOUNT]: 'Korting',
};

export function documentNumber(order: CanonicalOrder, prefix: string): string {
  return `${prefix}${order.orderNumber}`;
}

/** Pure: every check Asperion would make of the invoice, before any call is made. */
export function mapInvoice(order: CanonicalOrder, settings: InvoiceMappingSettings): SalesInvoiceDraft {
  if (order.currency !== BOOK_CURRENCY) {
    throw asperionError(
      'CURRENCY_NOT_SUPPORTED',
      `Asperion books in euro only; order ${order.orderNumber} is in "${order.currency}"`,
      { field: 'order.currency', details: { currency: order.currency, accepted: [BOOK_CURRENCY] } },
    );
  }
  if (order.createdAt === undefined) {
    throw appError('VALIDATION_FAILED', 'order has no date', { field: 'order.createdAt' });
  }
  const instant = new Date(Number(order.createdAt.seconds) * 1000 + Math.floor(order.createdAt.nanos / 1e6));
  const bookDate = toBookDate(instant, settings.timeZone);
  const country = order.shippingAddress?.countryCode || order.billingAddress?.countryCode || '';
  const vatAmounts = lineVatAmounts(order.lines, order.vatRounding);
  const reverseCharge = reverseChargeOf(order, settings);
  const lines: SalesInvoiceLineDraft[] = [];
  order.lines.forEach((line, index) => {
    const vatAmount = vatAmounts[index] ?? line.vatAmount;
    if (line.totalNet === 0n && vatAmount === 0n) return; // free shipping etc. adds nothing to the books
    lines.push({
      description: lineDescription(line),
      amount: line.totalNet,
      ledgerAccountId: reverseCharge?.ledgerAccountId ?? ledgerAccountFor(line, country, settings),
      vatCode: reverseCharge?.vatCode ?? resolveVatCode(settings.vatCodes, line.vatRateBp, country),
      vatAmount,
    });
  });
  if (lines.length === 0)
    throw appError('VALIDATION_FAILED', 'order has no amounts to book', { field: 'order.lines' });
  const amountExclVat = lines.reduce((sum, line) => sum + line.amount, 0n);
  const vatAmount = lines.reduce((sum, line) => sum + line.vatAmount, 0n);
  assertTotals(order, amountExclVat, vatAmount);
  return {
    invoiceNumber: documentNumber(order, settings.invoiceNumberPrefix),
    ...bookDate,
    journalId: settings.journalId,
    description: [`Webshop order #${order.orderNumber}`, reverseCharge?.note]
      .filter(Boolean)
      .join(' - ')
      .slice(0, MAX_DESCRIPTION),
    paymentConditionId: settings.paymentConditionId,
    status: settings.sendInvoiceAs === 'final' ? 3 : 1,
    amountExclVat,
    vatAmount,
    amountInclVat: amountExclVat + vatAmount,
    lines,
  };
}

type ReverseChargeLines = { vatCode: string; ledgerAccountId: number | undefined; note: string };

/**
 * EU B2B reverse charge (README "VAT"): every line gets the connection's reverse-charge code and
 * the invoice states the legal text with the customer's VAT number. Refused before any call when
 * the connection has no reverse-charge code.
 */
function reverseChargeOf(
  order: CanonicalOrder,
  settings: InvoiceMappingSettings,
): ReverseChargeLines | undefined {
  const customerCountry = order.billingAddress?.countryCode || order.shippingAddress?.countryCode || '';
  const vatNumber = reverseChargeVatNumber(
    order.customer?.companyName ? (order.customer?.vatNumber ?? '') : '',
    customerCountry,
    settings.homeCountry,
    order.lines.map((line) => line.vatRateBp),
  );
  if (vatNumber === undefined) return undefined;
  const rule = settings.reverseCharge;
  if (rule === undefined) {
    throw appError(
      'VALIDATION_FAILED',
      `order ${order.orderNumber} is an EU reverse-charge sale (VAT number ${vatNumber}); set the connection's reverse-charge VAT code`,
      { field: 'target.settings.reverseCharge', details: { countryCode: customerCountry } },
    );
  }
  return {
    vatCode: rule.vatCode,
    ledgerAccountId: rule.ledgerAccountId,
    note: `${rule.legalText}, btw-nr. afnemer ${vatNumber}`,
  };
}

function assertTotals(order: CanonicalOrder, net: bigint, vat: bigint): void {
  const totals = order.totals;
  if (totals === undefined) return;
  if (totals.net !== net || totals.vat !== vat || totals.gross !== net + vat) {
    throw appError('VALIDATION_FAILED', 'order totals do not match the sum of its lines', {
      field: 'order.totals',
      details: {
        totals: { net: String(totals.net), vat: String(totals.vat), gross: String(totals.gross) },
        lines: { net: String(net), vat: String(vat) },
      },
    });
  }
}

function ledgerAccountFor(line: OrderLine, country: string, settings: InvoiceMappingSettings): number {
  const specific =
    line.kind === LineKind.SHIPPING
      ? settings.shippingLedgerAccountId
      : line.kind === LineKind.PAYMENT_FEE
        ? settings.paymentFeeLedgerAccountId
        : line.kind === LineKind.DISCOUNT
          ? settings.discountLedgerAccountId
          : undefined;
  return specific ?? resolveRevenueAccount(settings.revenueAccounts, line.vatRateBp, country);
}

function lineDescription(line: OrderLine): string {
  const name = line.name.trim() || FALLBACK_NAMES[line.kind] || line.sku || 'Artikel';
  const text =
    line.kind === LineKind.PRODUCT || line.kind === LineKind.UNSPECIFIED ? `${name} x${line.quantity}` : name;
  return text.slice(0, MAX_DESCRIPTION);
}
