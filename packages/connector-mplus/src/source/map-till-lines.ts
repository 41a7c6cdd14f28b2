/**
 * Mplus order lines → canonical lines, cents to exact minor units (README "Till orders to the
 * shop"). Mplus prices a line as `price × quantity / 10^decimalPlaces`, then `discountPercentage`,
 * then `discountAmount`, each rounded half away from zero to whole cents (WSDL `LineData`; the
 * rule the till applies). With `VAT-METHOD-INCLUSIVE` that amount is the line's gross and is kept
 * to the cent (net = gross / (1 + rate) half-up); with `-EXCLUSIVE` it is the net and VAT is added
 * per line; `-SHIFTED` / `-NONE` carry no VAT. A non-whole quantity (1.25 kg) becomes one unit
 * whose name carries the quantity, so the amount is still exact.
 */
import { create } from '@bufbuild/protobuf';
import { LineKind, type OrderLine, OrderLineSchema } from '@koppel/contracts';
import { buildLine, buildLineFromGross, computeVat, divideHalfUp, netFromGross } from '@koppel/order-model';
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

/** A gross-priced line of `quantity` units kept to the cent; an explicit rounding line if needed. */
function linesFromGross(labels: Labels, quantity: number, gross: bigint, vatRateBp: number): OrderLine[] {
  if (quantity === 1)
    return [buildLineFromGross({ ...labels, kind: LineKind.PRODUCT, totalGross: gross, vatRateBp })];
  const unitNet = divideHalfUp(netFromGross(gross, vatRateBp), BigInt(quantity));
  const totalNet = unitNet * BigInt(quantity);
  const vat = gross - totalNet;
  const slack = vat - computeVat(totalNet, vatRateBp);
  if (slack >= -1n && slack <= 1n) {
    return [
      create(OrderLineSchema, {
        ...labels,
        ean: '',
        kind: LineKind.PRODUCT,
        quantity,
        unitPriceNet: unitNet,
        unitPriceGross: divideHalfUp(gross, BigInt(quantity)),
        vatRateBp,
        totalNet,
        vatAmount: vat,
        totalGross: gross,
      }),
    ];
  }
  const main = buildLine({ ...labels, kind: LineKind.PRODUCT, quantity, unitPriceNet: unitNet, vatRateBp });
  const rest = buildLineFromGross({
    ...labels,
    name: `${labels.name} (rounding)`,
    kind: LineKind.PRODUCT,
    totalGross: gross - main.totalGross,
    vatRateBp,
  });
  return [main, rest];
}

type Labels = { name: string; sku: string; sourceLineId: string };

export function mapTillLine(line: TillLine, vatMethod: VatMethod, field: string): OrderLine[] {
  const amount = lineAmountCents(line, vatMethod, field);
  const vatRateBp = vatRateBpOf(line, vatMethod, field);
  const whole = wholeQuantity(line);
  const baseName = line.text?.trim() || `Article ${line.articleNumber}`;
  const fraction = whole === undefined;
  const quantityText = fraction
    ? ` (${(Number(line.data.quantity) / 10 ** Number(line.data.decimalPlaces ?? '0')).toString()})`
    : '';
  const labels: Labels = {
    name: `${baseName}${quantityText}`,
    // The article number is the SKU the shop knows the product by (README "Till orders to the shop").
    sku: line.articleNumber,
    sourceLineId: line.lineId ?? '',
  };
  const quantity = whole ?? 1;
  if (vatMethod === 'VAT-METHOD-EXCLUSIVE') {
    const exact = quantity > 1 && amount % BigInt(quantity) === 0n;
    return [
      buildLine({
        ...labels,
        kind: LineKind.PRODUCT,
        quantity: exact ? quantity : 1,
        unitPriceNet: exact ? amount / BigInt(quantity) : amount,
        vatRateBp,
        ...(exact ? {} : { name: `${labels.name}${quantity > 1 ? ` (${quantity}×)` : ''}` }),
      }),
    ];
  }
  return linesFromGross(labels, quantity, amount, vatRateBp);
}
