/**
 * Canonical lines → Mplus order lines in cents (README "Money"). Mplus takes a unit `price` in
 * cents incl. VAT (or `priceExcl` excl. VAT) and an integer quantity, and computes the line
 * amount as price × quantity − `discountAmount` (https://developers.mpluskassa.nl/tutorials/prices-and-quantities/).
 * The shop's line total is kept exactly: the unit price is the line total divided by the quantity
 * rounded up to the cent, and the rest (0 up to quantity − 1 cents) is the line's
 * `discountAmount`. So every line's amount is the shop's to the cent, and Mplus, which derives a
 * line's net from its gross, finds the shop's net too (|VAT − net × rate| ≤ ½ cent per line).
 * The shop's per-rate VAT rounding (VAT rounded once per rate) differs from the sum of its lines
 * by a cent or two: that difference is an explicit rounding line per rate, never spread silently.
 */
import { type CanonicalOrder, LineKind, type OrderLine, VatRounding } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import { minorDigits, vatBreakdownByRate } from '@koppel/order-model';
import { mplusError } from './errors.js';
import { type ArticleRef, type ArticleSettings, resolveLineArticle } from './resolve-article.js';
import { resolveRevenueAccount, resolveTaxCode } from './resolve-rules.js';
import type { MplusSettings } from './settings.js';

export type MplusVatMethod = 'VAT-METHOD-INCLUSIVE' | 'VAT-METHOD-EXCLUSIVE' | 'VAT-METHOD-SHIFTED';

/** One Mplus line, money in cents. `net`, `vat` and `gross` are the shop's, for the arithmetic check. */
export type MplusLineDraft = {
  article: ArticleRef;
  text: string;
  quantity: bigint;
  /** Unit price in cents: incl. VAT for INCLUSIVE, excl. VAT otherwise. */
  unitPrice: bigint;
  /** price × quantity − discount = the line amount (gross for INCLUSIVE, net otherwise). */
  discount: bigint;
  vatCode: number;
  vatRateBp: number;
  turnoverGroup: number | undefined;
  net: bigint;
  vat: bigint;
  gross: bigint;
  rounding: boolean;
};

export type LineMappingSettings = ArticleSettings &
  Pick<MplusSettings, 'taxCodes' | 'revenueAccounts' | 'roundingArticleNumber'> &
  Partial<Pick<MplusSettings, 'reverseChargeTaxCode'>>;

const MAX_TEXT = 100;
const FALLBACK_NAMES: Partial<Record<LineKind, string>> = {
  [LineKind.SHIPPING]: 'Verzendkosten',
  [LineKind.PAYMENT_FEE]: 'Betaalkosten',
  [LineKind.DISCOUNT]: 'Korting',
};

/** Minor units of `currency` → cents, the one conversion at the edge (half-up when a currency has more digits). */
export function toCents(minor: bigint, currency: string): bigint {
  const digits = minorDigits(currency);
  if (digits === 2) return minor;
  if (digits < 2) return minor * 10n ** BigInt(2 - digits);
  const divisor = 10n ** BigInt(digits - 2);
  const magnitude = minor < 0n ? -minor : minor;
  const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
  return minor < 0n ? -rounded : rounded;
}

/** a / b rounded up (towards +∞), b > 0. */
function ceilDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b > 0n ? quotient + 1n : quotient;
}

export function mapLines(
  order: CanonicalOrder,
  settings: LineMappingSettings,
  vatMethod: MplusVatMethod,
  countryCode: string,
): MplusLineDraft[] {
  const cents = (minor: bigint) => toCents(minor, order.currency);
  const drafts: MplusLineDraft[] = [];
  order.lines.forEach((line, index) => {
    const gross = cents(line.totalGross);
    const net = cents(line.totalNet);
    if (gross === 0n && net === 0n && line.kind !== LineKind.PRODUCT) return; // free shipping adds nothing
    const quantity = BigInt(line.quantity > 0 ? line.quantity : 1);
    const amount = vatMethod === 'VAT-METHOD-INCLUSIVE' ? gross : net;
    const unitPrice = ceilDiv(amount, quantity);
    drafts.push({
      article: resolveLineArticle(line, settings, index + 1),
      text: lineText(line),
      quantity,
      unitPrice,
      discount: unitPrice * quantity - amount,
      vatCode:
        (vatMethod === 'VAT-METHOD-SHIFTED' ? settings.reverseChargeTaxCode : undefined) ??
        resolveTaxCode(settings.taxCodes, line.vatRateBp, countryCode),
      vatRateBp: line.vatRateBp,
      turnoverGroup: resolveRevenueAccount(settings.revenueAccounts, line.vatRateBp, countryCode),
      net,
      vat: gross - net,
      gross,
      rounding: false,
    });
  });
  if (order.vatRounding === VatRounding.PER_RATE) {
    drafts.push(...roundingLines(order, drafts, settings, vatMethod, countryCode));
  }
  if (drafts.length === 0) {
    throw appError('VALIDATION_FAILED', 'order has no lines to book', { field: 'order.lines' });
  }
  return drafts;
}

/** Per rate: the shop's VAT on the rate's base minus the sum of its lines' VAT, as one line. */
function roundingLines(
  order: CanonicalOrder,
  drafts: readonly MplusLineDraft[],
  settings: LineMappingSettings,
  vatMethod: MplusVatMethod,
  countryCode: string,
): MplusLineDraft[] {
  const lines: MplusLineDraft[] = [];
  for (const base of vatBreakdownByRate(order.lines)) {
    const linesVat = drafts.filter((d) => d.vatRateBp === base.vatRateBp).reduce((s, d) => s + d.vat, 0n);
    const difference = toCents(base.vat, order.currency) - linesVat;
    if (difference === 0n) continue;
    if (vatMethod !== 'VAT-METHOD-INCLUSIVE') {
      // Excl. VAT Mplus computes VAT per line itself: a pure VAT amount cannot be sent.
      throw appError(
        'VALIDATION_FAILED',
        `order ${order.orderNumber} rounds VAT per rate; Mplus can book that only with vatMethod "inclusive"`,
        { field: 'target.settings.vatMethod' },
      );
    }
    const article = settings.roundingArticleNumber;
    if (article === undefined) {
      throw mplusError(
        'MPLUS_LINE_ARTICLE_NOT_CONFIGURED',
        `order ${order.orderNumber} needs a rounding line of ${difference} cent(s) at ${base.vatRateBp / 100} %; ` +
          'set roundingArticleNumber on the connection',
        { field: 'target.settings.roundingArticleNumber' },
      );
    }
    lines.push({
      article: { articleNumber: article },
      text: `Afronding btw ${base.vatRateBp / 100}%`,
      quantity: 1n,
      unitPrice: difference,
      discount: 0n,
      vatCode: resolveTaxCode(settings.taxCodes, base.vatRateBp, countryCode),
      vatRateBp: base.vatRateBp,
      turnoverGroup: resolveRevenueAccount(settings.revenueAccounts, base.vatRateBp, countryCode),
      net: 0n,
      vat: difference,
      gross: difference,
      rounding: true,
    });
  }
  return lines;
}

function lineText(line: OrderLine): string {
  const name = line.name.trim() || FALLBACK_NAMES[line.kind] || line.sku || 'Artikel';
  return name.slice(0, MAX_TEXT);
}
