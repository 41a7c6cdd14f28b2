/**
 * Builds canonical order lines (products, shipping, payment fees, discounts) with their VAT
 * computed by the helpers in vat.ts, so every line is internally consistent.
 */
import { create } from '@bufbuild/protobuf';
import { LineKind, type OrderLine, OrderLineSchema } from '@koppel/contracts';
import { exactLineTotal, exactUnitMinor, normalizeExactPrice } from './exact-price.js';
import { assertVatRateBp, computeVat, netFromGross } from './vat.js';

type LineLabels = {
  name: string;
  sku?: string;
  ean?: string;
  sourceLineId?: string;
};

/**
 * A unit price at the source's precision: decimal text in major units, at most 4 decimals
 * (exact-price.ts). `net` alone: a net-priced line. `gross` alone: a gross-priced line (net
 * derived from the line's gross). Both: net and gross totals each rounded once from them.
 */
export type ExactUnitPrice = {
  /** The order's currency, whose minor unit the totals are rounded to. */
  currency: string;
  net?: string;
  gross?: string;
};

export type NetLineInput = LineLabels & {
  kind: LineKind;
  /** Whole units, at least 1. */
  quantity: number;
  /**
   * Unit net in minor units. With an exact price it is the exact net rounded (or the net of the
   * rounded exact gross) and may be left out; when given it must equal that.
   */
  unitPriceNet?: bigint;
  vatRateBp: number;
  exact?: ExactUnitPrice;
};

export type GrossLineInput = LineLabels & {
  kind: LineKind;
  /** The line's total including VAT (negative for a discount); the line has quantity 1. */
  totalGross: bigint;
  vatRateBp: number;
};

function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > 2_147_483_647) {
    throw new RangeError(`quantity ${quantity} is not a whole number of at least 1`);
  }
}

function labels(input: LineLabels): Pick<OrderLine, 'name' | 'sku' | 'ean' | 'sourceLineId'> {
  return {
    name: input.name,
    sku: input.sku ?? '',
    ean: input.ean ?? '',
    sourceLineId: input.sourceLineId ?? '',
  };
}

/**
 * A line priced net per unit: total net = unit × quantity, VAT computed on the line total
 * (half-up), unit gross = unit net + VAT of one unit (informational).
 */
export function buildLine(input: NetLineInput): OrderLine {
  assertQuantity(input.quantity);
  assertVatRateBp(input.vatRateBp);
  if (input.exact !== undefined) return buildExactLine(input, input.exact);
  if (input.unitPriceNet === undefined) throw new RangeError('a line needs unitPriceNet or an exact price');
  const totalNet = input.unitPriceNet * BigInt(input.quantity);
  const vatAmount = computeVat(totalNet, input.vatRateBp);
  return create(OrderLineSchema, {
    ...labels(input),
    kind: input.kind,
    quantity: input.quantity,
    unitPriceNet: input.unitPriceNet,
    unitPriceGross: input.unitPriceNet + computeVat(input.unitPriceNet, input.vatRateBp),
    vatRateBp: input.vatRateBp,
    totalNet,
    vatAmount,
    totalGross: totalNet + vatAmount,
  });
}

/**
 * A line priced at the source's precision: each total is exact unit price × quantity rounded
 * once (half away from zero); with an exact gross, VAT = total gross - total net, else VAT is
 * computed on the total net. The unit prices are the exact ones rounded, for display.
 */
function buildExactLine(input: NetLineInput, exact: ExactUnitPrice): OrderLine {
  const net = exact.net === undefined || exact.net === '' ? '' : normalizeExactPrice(exact.net);
  const gross = exact.gross === undefined || exact.gross === '' ? '' : normalizeExactPrice(exact.gross);
  if (net === '' && gross === '') throw new RangeError('an exact price needs a net or a gross');
  const { currency } = exact;
  const rate = input.vatRateBp;
  let unitPriceGross = gross === '' ? 0n : exactUnitMinor(gross, currency);
  let totalGross = gross === '' ? 0n : exactLineTotal(gross, input.quantity, currency);
  const unitPriceNet = net === '' ? netFromGross(unitPriceGross, rate) : exactUnitMinor(net, currency);
  const totalNet =
    net === '' ? netFromGross(totalGross, rate) : exactLineTotal(net, input.quantity, currency);
  if (gross === '') {
    unitPriceGross = unitPriceNet + computeVat(unitPriceNet, rate);
    totalGross = totalNet + computeVat(totalNet, rate);
  }
  if (input.unitPriceNet !== undefined && input.unitPriceNet !== unitPriceNet) {
    throw new RangeError(
      `unitPriceNet ${input.unitPriceNet} is not the exact price rounded (${unitPriceNet})`,
    );
  }
  return create(OrderLineSchema, {
    ...labels(input),
    kind: input.kind,
    quantity: input.quantity,
    unitPriceNet,
    unitPriceGross,
    unitPriceNetExact: net,
    unitPriceGrossExact: gross,
    vatRateBp: rate,
    totalNet,
    vatAmount: totalGross - totalNet,
    totalGross,
  });
}

/**
 * A single-unit line known only by its gross (coupons, gross-priced fees): the gross is kept
 * exactly, net = gross / (1 + rate) half-up and VAT = gross - net.
 */
export function buildLineFromGross(input: GrossLineInput): OrderLine {
  assertVatRateBp(input.vatRateBp);
  const totalNet = netFromGross(input.totalGross, input.vatRateBp);
  return create(OrderLineSchema, {
    ...labels(input),
    kind: input.kind,
    quantity: 1,
    unitPriceNet: totalNet,
    unitPriceGross: input.totalGross,
    vatRateBp: input.vatRateBp,
    totalNet,
    vatAmount: input.totalGross - totalNet,
    totalGross: input.totalGross,
  });
}

export function buildProductLine(input: Omit<NetLineInput, 'kind'>): OrderLine {
  return buildLine({ ...input, kind: LineKind.PRODUCT });
}

export function buildShippingLine(input: Omit<NetLineInput, 'kind' | 'quantity'>): OrderLine {
  return buildLine({ ...input, kind: LineKind.SHIPPING, quantity: 1 });
}

export function buildPaymentFeeLine(input: Omit<NetLineInput, 'kind' | 'quantity'>): OrderLine {
  return buildLine({ ...input, kind: LineKind.PAYMENT_FEE, quantity: 1 });
}

/** A discount from its gross amount; a positive amount is taken as a reduction (made negative). */
export function buildDiscountLine(input: Omit<GrossLineInput, 'kind'>): OrderLine {
  const totalGross = input.totalGross > 0n ? -input.totalGross : input.totalGross;
  return buildLineFromGross({ ...input, kind: LineKind.DISCOUNT, totalGross });
}
