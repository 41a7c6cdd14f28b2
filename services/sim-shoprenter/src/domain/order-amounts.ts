import { type Amount, formatAmount, multiply, parseAmount, sum, vatOf } from './money.js';
import type { StoredOrder, StoredOrderTotal } from './state.js';

export type LineAmounts = { net: Amount; tax: Amount; gross: Amount; unitGross: Amount };
export type OrderAmounts = {
  lines: LineAmounts[];
  linesNet: Amount;
  shippingNet: Amount;
  shippingTax: Amount;
  paymentNet: Amount;
  paymentTax: Amount;
  /** Tax by rate (rate as stored, e.g. "27.0000"), lines + shipping + payment. */
  taxByRate: Map<string, Amount>;
  tax: Amount;
  net: Amount;
  gross: Amount;
};

type AmountSource = Pick<StoredOrder, 'lines' | 'shippingMethod' | 'paymentMethod'>;

/** Net, VAT and gross of an order; VAT per line on the line total (assumptions.vatRounding). */
export function computeOrderAmounts(order: AmountSource): OrderAmounts {
  const taxByRate = new Map<string, Amount>();
  const addTax = (rate: string, tax: Amount) => taxByRate.set(rate, (taxByRate.get(rate) ?? 0n) + tax);
  const lines = order.lines.map((line) => {
    const rate = parseAmount(line.taxRate);
    const net = multiply(parseAmount(line.netPrice), line.quantity);
    const tax = vatOf(net, rate);
    addTax(line.taxRate, tax);
    const unitNet = parseAmount(line.netPrice);
    return { net, tax, gross: net + tax, unitGross: unitNet + vatOf(unitNet, rate) };
  });
  const shippingNet = parseAmount(order.shippingMethod.netPrice);
  const shippingTax = vatOf(shippingNet, parseAmount(order.shippingMethod.taxRate));
  if (shippingNet !== 0n) addTax(order.shippingMethod.taxRate, shippingTax);
  const paymentNet = parseAmount(order.paymentMethod.netPrice);
  const paymentTax = vatOf(paymentNet, parseAmount(order.paymentMethod.taxRate));
  if (paymentNet !== 0n) addTax(order.paymentMethod.taxRate, paymentTax);
  const linesNet = sum(lines.map((l) => l.net));
  const tax = sum([...taxByRate.values()]);
  const net = linesNet + shippingNet + paymentNet;
  return {
    lines,
    linesNet,
    shippingNet,
    shippingTax,
    paymentNet,
    paymentTax,
    taxByRate,
    tax,
    net,
    gross: net + tax,
  };
}

/**
 * The `/orderTotals` rows of an order (types from the vendor enum; names composed, the only
 * documented one being "Net partial amount:").
 */
export function buildOrderTotals(order: AmountSource, nextTotalId: () => number): StoredOrderTotal[] {
  const a = computeOrderAmounts(order);
  const rows: StoredOrderTotal[] = [];
  const add = (type: StoredOrderTotal['type'], name: string, value: Amount) =>
    rows.push({ totalId: nextTotalId(), type, name, value: formatAmount(value), sortOrder: rows.length + 1 });
  add('SUB_TOTAL', 'Net partial amount:', a.linesNet);
  if (a.shippingNet !== 0n) add('SHIPPING', `${order.shippingMethod.name}:`, a.shippingNet);
  if (a.paymentNet !== 0n) add('PAYMENT', 'Handling fee:', a.paymentNet);
  for (const [rate, tax] of a.taxByRate) add('TAX', `VAT ${formatAmount(parseAmount(rate), 0)}%:`, tax);
  add('TOTAL', 'Total:', a.gross);
  return rows;
}
