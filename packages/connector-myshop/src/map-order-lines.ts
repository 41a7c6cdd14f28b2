/**
 * Exported order → canonical lines. myShop prices include VAT (assumed-fields.ts), so a product
 * line is gross-priced: the unit gross is kept as the line's exact unit price, the line's gross
 * is unit gross × quantity (the shop's line total, exactly) and its net is that gross / (1 + rate)
 * rounded once; the unit net is informational (order-model exact prices). Shipping and payment costs are single lines known by their gross;
 * discounts are split over the products' VAT rates (order-model).
 */
import { LineKind, type OrderLine } from '@koppel/contracts';
import {
  buildDiscountLines,
  buildLineFromGross,
  buildProductLine,
  toDecimalString,
} from '@koppel/order-model';
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
  const name = line[F.description] || line[F.articleCode];
  if (name === '') throw decodeFailed(`${path} has neither a description nor an article code`, path);
  // Gross-priced: the line's gross is the shop's exactly, its net rounded once from it.
  return buildProductLine({
    name,
    sku: line[F.articleCode],
    ean: line[F.ean],
    sourceLineId: line[F.productId],
    quantity,
    vatRateBp,
    exact: { currency, gross: toDecimalString(unitGross, currency) },
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
