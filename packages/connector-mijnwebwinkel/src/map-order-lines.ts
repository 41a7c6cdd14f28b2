/**
 * Mijnwebwinkel order lines → canonical lines. The shop prices including VAT: every TaxPrice has
 * `amount_including_tax` with exactly 2 decimals (the amount the customer pays) and `amount`
 * excluding VAT with up to 6 decimals. Koppel keeps the gross to the cent:
 *
 * - one unit (or a discount / cost line): the line's gross kept exactly, net = gross / (1 + rate)
 *   half-up (`buildLineFromGross`);
 * - more units whose unit gross (line gross / quantity) fits 4 decimals: that unit gross is the
 *   line's exact price (order-model), the gross kept exactly and the net rounded once from it;
 * - otherwise: unit net = line net / quantity half-up; when that unit net × quantity reproduces
 *   the gross within the one-cent VAT slack, the line keeps the gross exactly; otherwise the
 *   difference becomes a separate "(rounding)" line of the same kind and rate, so the order still
 *   adds up to the shop's `price.total` to the cent (README "Money").
 *
 * Line kinds: `article` → product (SKU from `articles[0].sku`, variant options appended to the
 * name); `discount` → one discount line per VAT rate (`price` is an array, changelog 2019-05-08);
 * `custom` → shipping or payment costs when the description says so, else a product.
 * https://myonlinestore.github.io/public-api-docs/
 */
import { create } from '@bufbuild/protobuf';
import { LineKind, type OrderLine, OrderLineSchema } from '@koppel/contracts';
import {
  buildLine,
  buildLineFromGross,
  computeVat,
  divideHalfUp,
  EXACT_PRICE_SCALE,
  formatScaledDecimal,
  minorDigits,
  netFromGross,
  parseMinorUnits,
  parseVatRateBp,
} from '@koppel/order-model';
import type { MijnwebwinkelOrder, MijnwebwinkelOrderLine, TaxPrice } from './api-schemas.js';
import { decodeFailed } from './errors.js';

/** Words in a `custom` line's description that make it a cost line [inferred: the spec has no cost line type]. */
const SHIPPING_WORDS = /verzend|shipping|bezorg|versand|livraison|envío|spedizione|porto/i;
const PAYMENT_WORDS = /betaal|payment|transactie|rembours|zahlung|paiement|toeslag iDEAL|ideal/i;

type Labels = { name: string; sku: string; sourceLineId: string };

export function lineKindOf(line: Pick<MijnwebwinkelOrderLine, 'type' | 'description'>): LineKind {
  switch (line.type) {
    case 'article':
      return LineKind.PRODUCT;
    case 'discount':
      return LineKind.DISCOUNT;
    case 'shipping':
      return LineKind.SHIPPING;
    case 'payment':
      return LineKind.PAYMENT_FEE;
    default:
      if (SHIPPING_WORDS.test(line.description)) return LineKind.SHIPPING;
      if (PAYMENT_WORDS.test(line.description)) return LineKind.PAYMENT_FEE;
      return LineKind.PRODUCT;
  }
}

function grossOf(price: TaxPrice, currency: string, field: string): bigint {
  try {
    return parseMinorUnits(price.amount_including_tax, currency);
  } catch (error) {
    throw decodeFailed(
      `amount_including_tax "${price.amount_including_tax}" is not an amount`,
      `${field}.amount_including_tax`,
      error,
    );
  }
}

function rateOf(price: TaxPrice, field: string): number {
  try {
    return parseVatRateBp(price.rate);
  } catch (error) {
    throw decodeFailed(`rate "${price.rate}" is not a VAT percentage`, `${field}.rate`, error);
  }
}

/** A line of `quantity` units whose total gross is `gross` (see the file comment). */
export function linesFromGross(
  labels: Labels,
  kind: LineKind,
  quantity: number,
  gross: bigint,
  vatRateBp: number,
  currency: string,
): OrderLine[] {
  if (quantity === 1) return [buildLineFromGross({ ...labels, kind, totalGross: gross, vatRateBp })];
  // A unit gross that fits 4 decimals is the line's exact price: gross kept, net rounded once.
  const scaled = gross * 10n ** BigInt(EXACT_PRICE_SCALE - minorDigits(currency));
  if (scaled % BigInt(quantity) === 0n) {
    const unitGross = formatScaledDecimal(scaled / BigInt(quantity), EXACT_PRICE_SCALE);
    return [buildLine({ ...labels, kind, quantity, vatRateBp, exact: { currency, gross: unitGross } })];
  }
  const unitNet = divideHalfUp(netFromGross(gross, vatRateBp), BigInt(quantity));
  const totalNet = unitNet * BigInt(quantity);
  const vat = gross - totalNet;
  const diff = vat - computeVat(totalNet, vatRateBp);
  if (diff >= -1n && diff <= 1n) {
    return [
      create(OrderLineSchema, {
        ...labels,
        ean: '',
        kind,
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
  const main = buildLine({ ...labels, kind, quantity, unitPriceNet: unitNet, vatRateBp });
  const rest = buildLineFromGross({
    ...labels,
    name: `${labels.name} (rounding)`,
    kind,
    totalGross: gross - main.totalGross,
    vatRateBp,
  });
  return [main, rest];
}

function nameOf(line: MijnwebwinkelOrderLine): string {
  const article = line.articles[0];
  const base = line.description || article?.description || 'Item';
  const options = (article?.options ?? []).map((o) => o.description).filter((d) => d !== '');
  return options.length === 0 ? base : `${base} (${options.join(', ')})`;
}

function mapLine(line: MijnwebwinkelOrderLine, index: number, currency: string): OrderLine[] {
  const field = `orderlines[${index}]`;
  const kind = lineKindOf(line);
  if (line.quantity < 1) throw decodeFailed('quantity must be at least 1', `${field}.quantity`);
  if (line.price.length === 0) throw decodeFailed('the line has no price', `${field}.price`);
  const labels = { name: nameOf(line), sku: line.articles[0]?.sku ?? '', sourceLineId: line.id };
  const perRate = line.price.length > 1;
  return line.price.flatMap((price, priceIndex) => {
    const priceField = perRate ? `${field}.price[${priceIndex}]` : `${field}.price`;
    const gross = grossOf(price, currency, priceField);
    const vatRateBp = rateOf(price, priceField);
    const name = perRate ? `${labels.name} (${vatRateBp / 100} %)` : labels.name;
    if (kind === LineKind.DISCOUNT) {
      // A discount lowers the order: a positive amount is taken as a reduction.
      const amount = gross > 0n ? -gross : gross;
      return [buildLineFromGross({ ...labels, name, kind, totalGross: amount, vatRateBp })];
    }
    // A line priced per rate is one unit per rate; a plain line keeps its quantity.
    return linesFromGross({ ...labels, name }, kind, perRate ? 1 : line.quantity, gross, vatRateBp, currency);
  });
}

/** Every line of the order, in the shop's order; zero-amount cost lines are kept out. */
export function mapOrderLines(order: MijnwebwinkelOrder): OrderLine[] {
  const lines = order.orderlines.flatMap((line, index) => mapLine(line, index, order.currency));
  const kept = lines.filter((line) => line.kind === LineKind.PRODUCT || line.totalGross !== 0n);
  if (!kept.some((line) => line.kind === LineKind.PRODUCT)) {
    throw decodeFailed('the order has no article lines', 'orderlines');
  }
  return kept;
}
