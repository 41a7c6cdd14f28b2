/**
 * Exported order → canonical lines. myShop prices include VAT (assumed-fields.ts), while a
 * canonical line is net per unit: unit net = unit gross / (1 + rate), half-up to the cent. The
 * line keeps the shop's gross total exactly (VAT = gross − net) whenever that VAT is within one
 * cent of the VAT on the net, which the canonical order allows; for larger quantities where it
 * is not, VAT is computed on the net and the line's gross may differ from the shop's by a few
 * cents (README "Money"). Shipping and payment costs are single lines known by their gross;
 * discounts are split over the products' VAT rates (order-model).
 */
import { create } from '@bufbuild/protobuf';
import { LineKind, type OrderLine, OrderLineSchema } from '@koppel/contracts';
import { buildDiscountLines, buildLineFromGross, computeVat, netFromGross } from '@koppel/order-model';
import { ASSUMED_FIELDS as F } from './assumed-fields.js';
import { amountOf, decodeFailed, quantityOf, vatRateBpOf } from './decode-errors.js';
import type { ExportCost, ExportLine, ExportOrder } from './order-schema.js';

/** Names of the fee lines (the export names no shipping or payment method). */
export const SHIPPING_LINE_NAME = 'Verzendkosten';
export const PAYMENT_LINE_NAME = 'Betaalkosten';

function productLine(line: ExportLine, index: number, currency: string): OrderLine {
  const path = `${F.lines}.${F.line}[${index}]`;
  const quantity = quantityOf(line[F.quantity], `${path}.${F.quantity}`);
  const unitGross = amountOf(line[F.unitPriceIncl], currency, `${path}.${F.unitPriceIncl}`);
  const vatRateBp = vatRateBpOf(line[F.vatRate], `${path}.${F.vatRate}`);
  const totalGross = amountOf(line[F.lineTotalIncl], currency, `${path}.${F.lineTotalIncl}`);
  if (totalGross !== unitGross * BigInt(quantity)) {
    throw decodeFailed(
      `${path}.${F.lineTotalIncl} ${line[F.lineTotalIncl]} is not ${F.unitPriceIncl} × ${F.quantity}`,
      `${path}.${F.lineTotalIncl}`,
    );
  }
  const unitNet = netFromGross(unitGross, vatRateBp);
  const totalNet = unitNet * BigInt(quantity);
  const onNet = computeVat(totalNet, vatRateBp);
  const keepsGross = totalGross - totalNet - onNet;
  const vatAmount = keepsGross >= -1n && keepsGross <= 1n ? totalGross - totalNet : onNet;
  const name = line[F.description] || line[F.articleCode];
  if (name === '') throw decodeFailed(`${path} has neither a description nor an article code`, path);
  return create(OrderLineSchema, {
    kind: LineKind.PRODUCT,
    name,
    sku: line[F.articleCode],
    ean: line[F.ean],
    sourceLineId: line[F.productId],
    quantity,
    unitPriceNet: unitNet,
    unitPriceGross: unitGross,
    vatRateBp,
    totalNet,
    vatAmount,
    totalGross: totalNet + vatAmount,
  });
}

function costLine(
  cost: ExportCost | '',
  field: string,
  kind: LineKind,
  name: string,
  currency: string,
): OrderLine | undefined {
  if (cost === '') return undefined;
  const totalGross = amountOf(cost[F.amountIncl], currency, `${field}.${F.amountIncl}`);
  if (totalGross === 0n) return undefined;
  const vatRateBp = vatRateBpOf(cost[F.vatRate], `${field}.${F.vatRate}`);
  return buildLineFromGross({ kind, name, totalGross, vatRateBp });
}

/** All lines of the order; `currency` is the order's, already checked. */
export function mapOrderLines(order: ExportOrder, currency: string): OrderLine[] {
  const products = order[F.lines].map((line, index) => productLine(line, index, currency));
  if (products.length === 0) throw decodeFailed('the order has no lines', `${F.lines}.${F.line}`);
  const fees = [
    costLine(order[F.shippingCosts], F.shippingCosts, LineKind.SHIPPING, SHIPPING_LINE_NAME, currency),
    costLine(order[F.paymentCosts], F.paymentCosts, LineKind.PAYMENT_FEE, PAYMENT_LINE_NAME, currency),
  ].filter((line): line is OrderLine => line !== undefined);
  const discounts = order[F.discounts].flatMap((discount, index) => {
    const field = `${F.discounts}.${F.discount}[${index}].${F.amountIncl}`;
    const totalGross = amountOf(discount[F.amountIncl], currency, field);
    if (totalGross === 0n) return [];
    const code = discount[F.discountCode];
    const name = discount[F.description] || (code === '' ? 'Korting' : `Korting ${code}`);
    return buildDiscountLines({ name, sku: code, totalGross }, products);
  });
  return [...products, ...fees, ...discounts];
}
