/**
 * Builds canonical order lines (products, shipping, payment fees, discounts) with their VAT
 * computed by the helpers in vat.ts, so every line is internally consistent.
 */
import { create } from '@bufbuild/protobuf';
import { LineKind, type OrderLine, OrderLineSchema } from '@koppel/contracts';
import { assertVatRateBp, computeVat, netFromGross } from './vat.js';

type LineLabels = {
  name: string;
  sku?: string;
  ean?: string;
  sourceLineId?: string;
};

export type NetLineInput = LineLabels & {
  kind: LineKind;
  /** Whole units, at least 1. */
  quantity: number;
  unitPriceNet: bigint;
  vatRateBp: number;
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
