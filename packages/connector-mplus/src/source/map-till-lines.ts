/**
 * Mplus order lines → canonical lines, cents to exact minor units (README "Till orders to the
 * shop"). Mplus prices a line as `price × quantity / 10^decimalPlaces`, then `discountPercentage`,
 * then `discountAmount`, each rounded half away from zero to whole cents (WSDL `LineData`; the
 * rule the till applies). With `VAT-METHOD-INCLUSIVE` that amount is the line's gross and is kept
 * to the cent (net = gross / (1 + rate) half-up, once per line); with `-EXCLUSIVE` it is the net
 * and VAT is added per line; `-SHIFTED` / `-NONE` carry no VAT. The unit price is the till's exact
 * one (`unit_price_*_exact`), never rounded before the line total. A non-whole quantity (1.25 kg)
 * becomes one unit whose name carries the quantity, so the amount is still exact.
 */
import { LineKind, type OrderLine } from '@koppel/contracts';
import {
  buildLine,
  buildLineFromGross,
  divideHalfUp,
  EXACT_PRICE_SCALE,
  formatScaledDecimal,
} from '@koppel/order-model';
import { decodeFailed } from './decode-errors.js';
import type { TillLine } from './api-schemas.js';

export type VatMethod =
  | 'VAT-METHOD-INCLUSIVE'
  | 'VAT-METHOD-EXCLUSIVE'
  | 'VAT-METHOD-SHIFTED'
  | 'VAT-METHOD-NONE';

/** `value × numerator / denominator`, half away from zero (bigint, exact). */
export function scaleHalfAwayFromZero(value: bigint, numerator: bigint, denominator: bigint): bigint {
  const product = value * numerator;
  const negative = product < 0n !== denominator < 0n;
  const magnitude =
    (product < 0n ? -product : product) * 2n + (denominator < 0n ? -denominator : denominator);
  const rounded = magnitude / (2n * (denominator < 0n ? -denominator : denominator));
  return negative ? -rounded : rounded;
}

/** The line's amount in cents after its discounts, in the VAT method's own terms (incl. or excl.). */
export function lineAmountCents(line: TillLine, vatMethod: VatMethod, field: string): bigint {
  const { data } = line;
  const exclusive = vatMethod === 'VAT-METHOD-EXCLUSIVE';
  const price = exclusive ? (data.price ?? data.priceExcl) : (data.price ?? data.priceExcl);
  if (price === undefined) throw decodeFailed('the line has no price', `${field}.data.price`);
  const decimals = BigInt(data.decimalPlaces ?? '0');
  let amount = scaleHalfAwayFromZero(BigInt(price), BigInt(data.quantity), 10n ** decimals);
  if (data.discountPercentage !== undefined && data.discountPercentage !== '0') {
    amount -= scaleHalfAwayFromZero(amount, BigInt(data.discountPercentage), 100n);
  }
  const discount = exclusive ? (data.discountAmountExcl ?? data.discountAmount) : data.discountAmount;
  if (discount !== undefined) amount -= BigInt(discount);
  return amount;
}

function vatRateBpOf(line: TillLine, vatMethod: VatMethod, field: string): number {
  if (vatMethod === 'VAT-METHOD-SHIFTED' || vatMethod === 'VAT-METHOD-NONE') return 0;
  const percent = line.data.vatPercentage;
  if (percent === undefined)
    throw decodeFailed('the line has no VAT percentage', `${field}.data.vatPercentage`);
  const bp = Number(percent) * 100;
  if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) {
    throw decodeFailed(`VAT percentage ${percent} is out of range`, `${field}.data.vatPercentage`);
  }
  return bp;
}

/** Whole units when the quantity has no fraction; else undefined (one unit, quantity in the name). */
function wholeQuantity(line: TillLine): number | undefined {
  const scale = 10n ** BigInt(line.data.decimalPlaces ?? '0');
  const quantity = BigInt(line.data.quantity);
  if (quantity % scale !== 0n) return undefined;
  const whole = Number(quantity / scale);
  return whole >= 1 ? whole : undefined;
}

type Labels = { name: string; sku: string; sourceLineId: string };

/**
 * `quantity` units whose line amount is `amount` cents (gross for INCLUSIVE, net for EXCLUSIVE),
 * priced at the till's exact unit price: the till's own `price` when no discount applied, else
 * amount ÷ quantity at the canonical order's 4 decimals (`unit_price_*_exact`). The line totals
 * are that price × quantity rounded once (order-model `buildLine`), and the net of a gross line
 * is rounded once from the line's gross, never from a rounded unit price. Where 4 decimals
 * cannot carry amount ÷ quantity back to the cent (quantities of 100 and more with a discount),
 * the cent is an explicit rounding line.
 */
function exactLines(
  labels: Labels,
  quantity: number,
  amount: bigint,
  vatRateBp: number,
  currency: string,
  priced: 'gross' | 'net',
): OrderLine[] {
  const unit = formatScaledDecimal(divideHalfUp(amount * CENT_TO_EXACT, BigInt(quantity)), EXACT_PRICE_SCALE);
  const main = buildLine({
    ...labels,
    kind: LineKind.PRODUCT,
    quantity,
    vatRateBp,
    exact: priced === 'gross' ? { currency, gross: unit } : { currency, net: unit },
  });
  const rest = amount - (priced === 'gross' ? main.totalGross : main.totalNet);
  if (rest === 0n) return [main];
  const rounding = { ...labels, name: `${labels.name} (rounding)`, kind: LineKind.PRODUCT, vatRateBp };
  return [
    main,
    priced === 'gross'
      ? buildLineFromGross({ ...rounding, totalGross: rest })
      : buildLine({ ...rounding, quantity: 1, unitPriceNet: rest }),
  ];
}

/** One cent in 10^-4 major units (Mplus money is cents, README "Till orders to the shop"). */
const CENT_TO_EXACT = 100n;

export function mapTillLine(
  line: TillLine,
  vatMethod: VatMethod,
  field: string,
  currency: string,
): OrderLine[] {
  const amount = lineAmountCents(line, vatMethod, field);
  const vatRateBp = vatRateBpOf(line, vatMethod, field);
  const whole = wholeQuantity(line);
  const baseName = line.text?.trim() || `Article ${line.articleNumber}`;
  const quantityText =
    whole === undefined
      ? ` (${(Number(line.data.quantity) / 10 ** Number(line.data.decimalPlaces ?? '0')).toString()})`
      : '';
  const labels: Labels = {
    name: `${baseName}${quantityText}`,
    // The article number is the SKU the shop knows the product by (README "Till orders to the shop").
    sku: line.articleNumber,
    sourceLineId: line.lineId ?? '',
  };
  const priced = vatMethod === 'VAT-METHOD-EXCLUSIVE' ? 'net' : 'gross';
  return exactLines(labels, whole ?? 1, amount, vatRateBp, currency, priced);
}
