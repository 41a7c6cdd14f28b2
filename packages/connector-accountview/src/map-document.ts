/**
 * Canonical order → the AccountView document, pure: a sales order (SO1) whose lines are article,
 * quantity and unit price, or a sales invoice as a journal page (DJ2) whose lines are ledger
 * account, amount and VAT (README "Money"). Money stays bigint minor units; the unit price is
 * kept at AccountView's four decimals. Where quantity × unit price cannot reach the shop's line
 * total to the cent, the difference is an explicit rounding line, never dropped.
 */
import { type CanonicalOrder, LineKind, type OrderLine } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { lineVatAmounts, parseExactPrice, reverseChargeVatNumber } from '@koppel/order-model';
import { accountviewError } from './errors.js';
import { divideHalfAway } from './divide-half-away.js';
import { legalTextLines } from './legal-text-lines.js';
import { toLocalDate } from './local-date.js';
import { resolveRevenueAccount, resolveVatCode } from './resolve-codes.js';
import type { AccountviewSettings } from './settings.js';

export type DraftLineKind = 'product' | 'shipping' | 'payment-fee' | 'discount' | 'rounding' | 'text';

export type DraftLine = {
  kind: DraftLineKind;
  description: string;
  /** Sales orders: the article (`SO_LINE.ART_CODE`). */
  articleCode: string | undefined;
  /** Journal pages: the revenue account (`DJ_LINE.ACCT_NR`). */
  accountNumber: string | undefined;
  quantity: number;
  /** Unit price excl. VAT × 10^4 (AccountView keeps four decimals of `ART_PX`). */
  unitPrice4: bigint;
  /** Net in minor units, as AccountView computes it (sales orders: quantity × unit price, half away from zero). */
  net: bigint;
  vatRateBp: number;
  vatCode: string;
  vat: bigint;
};

/** Everything of the document but its debtor, which is known only after the debtor step. */
export type DocumentDraft = {
  kind: AccountviewSettings['documentType'];
  /** `SO_HDR.COMMENT1` or `DJ_PAGE.INV_NR`: how the document is found again. */
  number: string;
  /** Local datetime of the order in the administration's zone. */
  date: string;
  period: number;
  description: string;
  currency: string;
  daybookCode: string | undefined;
  paymentTermsCode: string | undefined;
  creditDays: number | undefined;
  email: string;
  /**
   * Reverse charge: the legal text and the customer's VAT number the document must state
   * (`DJ_PAGE.COMMENT1`, or text lines of a sales order: `legal-text-lines.ts`).
   */
  vatNote: string | undefined;
  lines: DraftLine[];
  net: bigint;
  vat: bigint;
  gross: bigint;
};

const MAX_DESCRIPTION = 50;
const FALLBACK_NAMES: Partial<Record<DraftLineKind, string>> = {
  shipping: 'Verzendkosten',
  'payment-fee': 'Betaalkosten',
  discount: 'Korting',
  rounding: 'Afronding',
};

export function documentNumber(order: CanonicalOrder, prefix: string): string {
  return `${prefix}${order.orderNumber}`;
}

export function mapDocument(order: CanonicalOrder, settings: AccountviewSettings): DocumentDraft {
  if (order.currency !== settings.bookCurrency)
    throw accountviewError(
      'CURRENCY_NOT_SUPPORTED',
      `the AccountView books are in ${settings.bookCurrency}; order ${order.orderNumber} is in "${order.currency}"`,
      { field: 'order.currency', details: { currency: order.currency, accepted: [settings.bookCurrency] } },
    );
  if (order.createdAt === undefined)
    throw appError('VALIDATION_FAILED', 'order has no date', { field: 'order.createdAt' });
  const instant = new Date(Number(order.createdAt.seconds) * 1000 + Math.floor(order.createdAt.nanos / 1e6));
  const local = toLocalDate(instant, settings.timeZone);
  const country = order.shippingAddress?.countryCode || order.billingAddress?.countryCode || '';
  const vatAmounts = lineVatAmounts(order.lines, order.vatRounding);
  const reverseCharge = reverseChargeOf(order, settings);
  const lines: DraftLine[] = [];
  order.lines.forEach((line, index) => {
    const vat = vatAmounts[index] ?? line.vatAmount;
    if (line.totalNet === 0n && vat === 0n) return; // free shipping adds nothing to the books
    const mapped = mapLine(line, index, vat, country, settings, reverseCharge);
    lines.push(mapped);
  });
  if (lines.length === 0)
    throw appError('VALIDATION_FAILED', 'order has no amounts to book', { field: 'order.lines' });
  if (settings.documentType === 'sales-order') lines.push(...roundingLines(order.lines, lines, settings));
  if (settings.documentType === 'sales-order' && reverseCharge) {
    // A reverse-charge invoice must state it (EU VAT directive art. 226(11a)); a sales order has
    // no header text, so the statement travels on text lines of the connection's text article.
    if (settings.textArticleCode === undefined)
      throw appError(
        'VALIDATION_FAILED',
        `order ${order.orderNumber} is an EU reverse-charge sale (VAT number ${reverseCharge.vatNumber}) and needs the legal text on the sales order, ` +
          "and a sales order carries it only on lines of a text article: set the connection's textArticleCode " +
          '(an AccountView article for text lines), or book journal pages (documentType "journal-page"), then replay',
        { field: 'target.settings.textArticleCode' },
      );
    lines.push(...legalTextLines(reverseCharge.note, settings.textArticleCode, reverseCharge.vatCode));
  }
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const vat = lines.reduce((sum, line) => sum + line.vat, 0n);
  assertShopTotals(order, net, vat);
  const payment = settings.paymentMethods.find((m) => m.shopPaymentMethod === order.paymentMethodCode);
  return {
    kind: settings.documentType,
    number: documentNumber(order, settings.documentNumberPrefix),
    date: local.dateTime,
    period: local.period,
    description: `Webshop order ${order.orderNumber}`.slice(0, MAX_DESCRIPTION),
    currency: order.currency,
    daybookCode: settings.daybookCode,
    paymentTermsCode: payment?.paymentTermsCode ?? settings.defaultPaymentTermsCode,
    creditDays: payment?.creditDays ?? settings.defaultCreditDays,
    email: (order.customer?.email ?? '').trim().toLowerCase(),
    vatNote: reverseCharge?.note,
    lines,
    net,
    vat,
    gross: net + vat,
  };
}

type ReverseCharge = { vatCode: string; accountNumber: string | undefined; note: string; vatNumber: string };

/**
 * EU B2B reverse charge (README "VAT"): the connection's reverse-charge code on every line and
 * the legal text with the customer's VAT number; refused before any call without that code.
 */
function reverseChargeOf(order: CanonicalOrder, settings: AccountviewSettings): ReverseCharge | undefined {
  const customerCountry = order.billingAddress?.countryCode || order.shippingAddress?.countryCode || '';
  const vatNumber = reverseChargeVatNumber(
    order.customer?.companyName ? (order.customer?.vatNumber ?? '') : '',
    customerCountry,
    settings.homeCountry,
    order.lines.map((line) => line.vatRateBp),
  );
  if (vatNumber === undefined) return undefined;
  const rule = settings.reverseCharge;
  if (rule === undefined)
    throw accountviewError(
      'VAT_CODE_NOT_MAPPED',
      `order ${order.orderNumber} is an EU reverse-charge sale (VAT number ${vatNumber}); set the connection's reverse-charge VAT code`,
      { field: 'target.settings.reverseCharge', details: { countryCode: customerCountry } },
    );
  return {
    vatCode: rule.vatCode,
    accountNumber: rule.accountNumber,
    note: `${rule.legalText} ${vatNumber}`,
    vatNumber,
  };
}

function kindOf(line: OrderLine): DraftLineKind {
  if (line.kind === LineKind.SHIPPING) return 'shipping';
  if (line.kind === LineKind.PAYMENT_FEE) return 'payment-fee';
  if (line.kind === LineKind.DISCOUNT) return 'discount';
  return 'product';
}

function mapLine(
  line: OrderLine,
  index: number,
  vat: bigint,
  country: string,
  settings: AccountviewSettings,
  reverseCharge: ReverseCharge | undefined,
): DraftLine {
  const kind = kindOf(line);
  const quantity = line.quantity > 0 ? line.quantity : 1;
  const vatCode = reverseCharge?.vatCode ?? resolveVatCode(settings.vatCodes, line.vatRateBp, country, index);
  const base = {
    kind,
    description: describeLine(line, kind),
    quantity,
    vatRateBp: line.vatRateBp,
    vatCode,
    vat,
  };
  if (settings.documentType === 'journal-page') {
    const specific =
      kind === 'shipping'
        ? settings.shippingAccountNumber
        : kind === 'payment-fee'
          ? settings.paymentFeeAccountNumber
          : kind === 'discount'
            ? settings.discountAccountNumber
            : undefined;
    return {
      ...base,
      articleCode: undefined,
      accountNumber:
        specific ??
        reverseCharge?.accountNumber ??
        resolveRevenueAccount(settings.revenueAccounts, line.vatRateBp, country, index),
      unitPrice4: divideHalfAway(line.totalNet * 100n, BigInt(quantity)),
      net: line.totalNet,
    };
  }
  // The source's exact net unit price (Shoprenter's 4 decimals) is ART_PX as it is; else the unit
  // price from the line total keeps the source's precision (a gross-priced line's net unit price
  // has more than two decimals). AccountView multiplies it back by the quantity, rounding once.
  const unitPrice4 =
    line.unitPriceNetExact !== ''
      ? parseExactPrice(line.unitPriceNetExact)
      : divideHalfAway(line.totalNet * 100n, BigInt(quantity));
  return {
    ...base,
    articleCode: articleCodeFor(line, kind, index, settings),
    accountNumber: undefined,
    unitPrice4,
    net: divideHalfAway(unitPrice4 * BigInt(quantity), 100n),
  };
}

function articleCodeFor(
  line: OrderLine,
  kind: DraftLineKind,
  index: number,
  settings: AccountviewSettings,
): string {
  if (kind === 'product') {
    const sku = line.sku.trim();
    if (sku === '')
      throw appError('VALIDATION_FAILED', `order line ${index + 1} ("${line.name}") has no SKU`, {
        field: `order.lines[${index}].sku`,
      });
    return sku;
  }
  const setting = articleSetting(kind);
  const code = settings[setting];
  if (code === undefined)
    throw accountviewError(
      'ARTICLE_CODE_NOT_SET',
      `sales orders need an AccountView article for ${FALLBACK_NAMES[kind]}`,
      {
        field: `target.settings.${setting}`,
      },
    );
  return code;
}

function articleSetting(kind: DraftLineKind) {
  if (kind === 'shipping') return 'shippingArticleCode' as const;
  if (kind === 'payment-fee') return 'paymentFeeArticleCode' as const;
  if (kind === 'discount') return 'discountArticleCode' as const;
  return 'roundingArticleCode' as const;
}

/**
 * Per VAT rate, the cents quantity × unit price misses of the shop's line totals, as one
 * explicit line (quantity 1, no VAT of its own) on the rounding article.
 */
function roundingLines(
  source: readonly OrderLine[],
  lines: readonly DraftLine[],
  settings: AccountviewSettings,
) {
  const result: DraftLine[] = [];
  const rates = [...new Set(lines.map((l) => l.vatRateBp))].sort((a, b) => a - b);
  for (const rate of rates) {
    const shop = source.filter((l) => l.vatRateBp === rate).reduce((sum, l) => sum + l.totalNet, 0n);
    const booked = lines.filter((l) => l.vatRateBp === rate).reduce((sum, l) => sum + l.net, 0n);
    const difference = shop - booked;
    if (difference === 0n) continue;
    const vatCode = lines.find((l) => l.vatRateBp === rate)?.vatCode ?? '';
    result.push({
      kind: 'rounding',
      description: `${FALLBACK_NAMES.rounding} ${rate / 100} %`,
      articleCode: articleCodeFor(source[0] as OrderLine, 'rounding', 0, settings),
      accountNumber: undefined,
      quantity: 1,
      unitPrice4: difference * 100n,
      net: difference,
      vatRateBp: rate,
      vatCode,
      vat: 0n,
    });
  }
  return result;
}

function assertShopTotals(order: CanonicalOrder, net: bigint, vat: bigint): void {
  const totals = order.totals;
  if (totals === undefined) return;
  if (totals.net !== net || totals.vat !== vat || totals.gross !== net + vat)
    throw appError('VALIDATION_FAILED', "the document's totals differ from the shop's totals", {
      field: 'order.totals',
      details: {
        shop: { net: String(totals.net), vat: String(totals.vat), gross: String(totals.gross) },
        document: { net: String(net), vat: String(vat), gross: String(net + vat) },
      },
    });
}

function describeLine(line: OrderLine, kind: DraftLineKind): string {
  return (line.name.trim() || FALLBACK_NAMES[kind] || line.sku || 'Artikel').slice(0, MAX_DESCRIPTION);
}
