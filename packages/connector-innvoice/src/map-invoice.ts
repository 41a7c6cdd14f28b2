/**
 * Canonical order → InnVoice document (`POST /{company}/invoice`, README "Vendor facts"). Every
 * line is sent gross-priced (`Brutto=1`) as Hungarian shops price, with its quantity (stock moves
 * by it); amounts are converted to whole forints once, here (`map-forint.ts`). The document's
 * total is the shop's total to the forint: any difference left by the conversion is an explicit
 * rounding line, never silent. The result is checked against EN 16931 before it is sent.
 */
import { type CanonicalOrder, LineKind, PaymentStatus } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { reverseChargeVatNumber, wallClockIn } from '@koppel/order-model';
import { type CheckedLine, checkEn16931, type VatCategory } from './en16931-check.js';
import { innvoiceError } from './errors.js';
import {
  DOCUMENT_CURRENCIES,
  type DocumentCurrency,
  pricedLines,
  toDocumentUnits,
  toHundredths,
} from './document-money.js';
import { type Buyer, mapBuyer } from './map-buyer.js';
import { vatLabelFor } from './map-vat-label.js';
import type { InnvoiceSettings } from './settings.js';

export type InvoiceLineDraft = CheckedLine & {
  name: string;
  /** Gross unit price in hundredths of the currency (InnVoice takes 2 decimals). */
  unitPrice: bigint;
  quantity: number;
  unit: string;
  /** Sent only when the connection moves stock; empty otherwise. */
  sku: string;
  rounding: boolean;
};

export type InvoiceDraft = {
  /** Koppel's stable reference of the order, the key of the document look-up. */
  orderReference: string;
  /** `Devizanem`: forint, or euro where the connection accepts it (README "Money"). */
  currency: DocumentCurrency;
  buyer: Buyer;
  padId: number;
  proforma: boolean;
  draft: boolean;
  /** `EmailKuldes`: only for a final document with a buyer e-mail. */
  email: boolean;
  electronic: boolean;
  paid: boolean;
  paymentMethod: string;
  issueDate: string;
  fulfilmentDate: string;
  dueDate: string;
  warehouseId: number | undefined;
  lines: InvoiceLineDraft[];
  categories: VatCategory[];
  /** Whole forints (euro: cents), as InnVoice will compute them. */
  net: bigint;
  vat: bigint;
  gross: bigint;
};

const FALLBACK_NAMES: Partial<Record<LineKind, string>> = {
  [LineKind.SHIPPING]: 'Szállítási díj',
  [LineKind.PAYMENT_FEE]: 'Fizetési díj',
  [LineKind.DISCOUNT]: 'Kedvezmény',
};
const MAX_NAME = 255;

export function orderReference(order: CanonicalOrder): string {
  return order.orderNumber || order.externalId;
}

export function mapInvoice(order: CanonicalOrder, settings: InnvoiceSettings): InvoiceDraft {
  const currency = documentCurrency(order, settings);
  const mapped = mapBuyer(order);
  // EU B2B reverse charge, decided as every target decides it (@koppel/order-model).
  const reverseCharge = reverseChargeVatNumber(
    mapped.taxNumber,
    mapped.country,
    'HU',
    order.lines.map((line) => line.vatRateBp),
  );
  const buyer = reverseCharge === undefined ? mapped : { ...mapped, taxNumber: reverseCharge };
  const dates = documentDates(order, settings);
  const context = { buyerCountry: buyer.country, reverseChargeVatNumber: reverseCharge };
  const stock = settings.stockWarehouseId !== undefined;
  const lines: InvoiceLineDraft[] = [];
  order.lines.forEach((line, index) => {
    if (line.totalGross === 0n && line.totalNet === 0n) return; // free shipping adds nothing
    const { label, ratePercent } = vatLabelFor(line.vatRateBp, context, settings, index);
    const quantity = line.quantity > 0 ? line.quantity : 1;
    for (const priced of pricedLines(
      toDocumentUnits(line.totalGross, currency),
      quantity,
      ratePercent,
      currency,
    )) {
      lines.push({
        name: (line.name.trim() || FALLBACK_NAMES[line.kind] || line.sku || 'Tétel').slice(0, MAX_NAME),
        vatLabel: label,
        ratePercent,
        unit: 'db',
        sku: stock && line.kind === LineKind.PRODUCT ? line.sku.trim() : '',
        rounding: false,
        ...priced,
      });
    }
  });
  if (lines.length === 0) {
    throw appError('VALIDATION_FAILED', 'the order has no amounts to invoice', { field: 'order.lines' });
  }
  const shopGross = toDocumentUnits(
    order.totals?.gross ?? order.lines.reduce((s, l) => s + l.totalGross, 0n),
    currency,
  );
  const difference = shopGross - lines.reduce((s, l) => s + l.gross, 0n);
  // Converting n lines and the total can leave at most half a forint each; more is no rounding.
  const bound = BigInt(lines.length + 1);
  if (difference > bound || -difference > bound) {
    throw appError(
      'VALIDATION_FAILED',
      `the order total differs from its lines by ${difference} (${currency})`,
      {
        field: 'order.totals',
        details: { shopGross: String(shopGross), difference: String(difference) },
      },
    );
  }
  if (difference !== 0n) {
    // The explicit rounding line: what converting each line to forints left over, outside the
    // scope of VAT, so the document's total is the shop's.
    lines.push({
      name: settings.roundingLineName,
      vatLabel: settings.roundingVatLabel,
      ratePercent: 0,
      unitPrice: toHundredths(difference, currency),
      quantity: 1,
      unit: 'db',
      sku: '',
      rounding: true,
      gross: difference,
      vat: 0n,
      net: difference,
    });
  }
  const categories = categoriesOf(lines);
  const net = lines.reduce((s, l) => s + l.net, 0n);
  const vat = categories.reduce((s, c) => s + c.vat, 0n);
  const gross = net + vat;
  checkEn16931({ lines, categories, net, vat, gross, shopGross });
  const draft = settings.finalisation === 'draft';
  return {
    orderReference: orderReference(order),
    currency,
    buyer,
    padId: settings.invoicePadId,
    proforma: settings.documentType === 'proforma',
    draft,
    // Never for a draft: it is still being edited (InnVoice's own Shoprenter link does the same).
    email: settings.emailDocument && !draft && buyer.email !== '',
    electronic: settings.electronicInvoice,
    paid: order.paymentStatus === PaymentStatus.PAID,
    paymentMethod: (order.paymentMethodName || order.paymentMethodCode || 'átutalás').slice(0, 100),
    ...dates,
    warehouseId: settings.stockWarehouseId,
    lines,
    categories,
    net,
    vat,
    gross,
  };
}

/**
 * Forint always; euro when the connection lists it in `currencies`. InnVoice takes the currency
 * (`Devizanem`) but no public source shows an exchange-rate element, so InnVoice's own rate
 * applies to a euro document's forint VAT (README "Money").
 */
function documentCurrency(order: CanonicalOrder, settings: InnvoiceSettings): DocumentCurrency {
  const accepted: readonly string[] = settings.currencies;
  const currency = DOCUMENT_CURRENCIES.find((c) => c === order.currency);
  if (currency === undefined || !accepted.includes(currency)) {
    throw innvoiceError(
      'CURRENCY_NOT_SUPPORTED',
      `this InnVoice connection books ${accepted.join(' and ')} documents; order ${order.orderNumber} is in "${order.currency}"`,
      { field: 'order.currency', details: { currency: order.currency, accepted } },
    );
  }
  return currency;
}

function categoriesOf(lines: readonly InvoiceLineDraft[]): VatCategory[] {
  const byLabel = new Map<string, VatCategory>();
  for (const line of lines) {
    const category = byLabel.get(line.vatLabel) ?? {
      vatLabel: line.vatLabel,
      ratePercent: line.ratePercent,
      base: 0n,
      vat: 0n,
      lines: 0,
    };
    category.base += line.net;
    category.vat += line.vat;
    category.lines += 1;
    byLabel.set(line.vatLabel, category);
  }
  return [...byLabel.values()];
}

/** Issue and fulfilment date = the order's day in the connection's time zone; due date after it. */
function documentDates(
  order: CanonicalOrder,
  settings: Pick<InnvoiceSettings, 'timeZone' | 'paymentDueDays'>,
): { issueDate: string; fulfilmentDate: string; dueDate: string } {
  if (order.createdAt === undefined) {
    throw appError('VALIDATION_FAILED', 'order has no date', { field: 'order.createdAt' });
  }
  const instant = new Date(Number(order.createdAt.seconds) * 1000);
  const day = wallClockIn(instant, settings.timeZone).date;
  const due = new Date(`${day}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + settings.paymentDueDays);
  const issueDate = toHuDate(day);
  return { issueDate, fulfilmentDate: issueDate, dueDate: toHuDate(due.toISOString().slice(0, 10)) };
}

/** `2025-08-23` → `2025.08.23.` (InnVoice's date format). */
function toHuDate(isoDay: string): string {
  return `${isoDay.replaceAll('-', '.')}.`;
}
