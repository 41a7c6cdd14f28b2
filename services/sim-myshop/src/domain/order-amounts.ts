import { divideRounded, excludingVat, formatDecimal, parseDecimal, rescale } from './money.js';
import type { Order } from './state.js';

/** The amounts of one order for the export: excl. VAT per line rounded to cents, VAT per rate
 * = incl. total - excl. total (assumptions: AMOUNT_DECIMALS). */
export type AmountLine = { incl: string; excl: string; rate: string };

const rateOf = (rate: string) => formatDecimal(parseDecimal(rate, 2), 2);

export function amountFor(inclCents: bigint, rate: string): { incl: bigint; excl: bigint } {
  return { incl: inclCents, excl: rescale(excludingVat(inclCents, parseDecimal(rate, 2)), 6, 2) };
}

export function orderAmounts(order: Order) {
  const lines = order.lines.map((l) => {
    const unit = amountFor(parseDecimal(l.unitPriceIncl, 2), l.vatRate);
    const total = amountFor(parseDecimal(l.unitPriceIncl, 2) * BigInt(l.quantity), l.vatRate);
    return { unit, total, rate: rateOf(l.vatRate) };
  });
  const shipping = {
    ...amountFor(parseDecimal(order.shippingCosts.amountIncl, 2), order.shippingCosts.vatRate),
    rate: rateOf(order.shippingCosts.vatRate),
  };
  const payment = {
    ...amountFor(parseDecimal(order.paymentCosts.amountIncl, 2), order.paymentCosts.vatRate),
    rate: rateOf(order.paymentCosts.vatRate),
  };
  const byRate = new Map<string, { incl: bigint; excl: bigint }>();
  for (const part of [...lines.map((l) => ({ ...l.total, rate: l.rate })), shipping, payment]) {
    if (part.incl === 0n) continue;
    const sum = byRate.get(part.rate) ?? { incl: 0n, excl: 0n };
    byRate.set(part.rate, { incl: sum.incl + part.incl, excl: sum.excl + part.excl });
  }
  // A discount (incl. VAT) lowers each rate's base in proportion to its product lines' gross;
  // the last rate takes the remainder, so the shares add up to the discount exactly.
  for (const discount of order.discounts) {
    const amount = parseDecimal(discount.amountIncl, 2);
    const productRates = [...new Set(lines.map((l) => l.rate))].sort((a, b) =>
      Number(parseDecimal(a, 2) - parseDecimal(b, 2)),
    );
    const gross = productRates.map((r) =>
      lines.filter((l) => l.rate === r).reduce((acc, l) => acc + l.total.incl, 0n),
    );
    const base = gross.reduce((acc, g) => acc + g, 0n);
    if (base === 0n) continue;
    let allocated = 0n;
    productRates.forEach((r, i) => {
      const share =
        i === productRates.length - 1 ? amount - allocated : divideRounded(amount * gross[i]!, base);
      allocated += share;
      const part = amountFor(share, r);
      const sum = byRate.get(r) ?? { incl: 0n, excl: 0n };
      byRate.set(r, { incl: sum.incl - part.incl, excl: sum.excl - part.excl });
    });
  }
  const vat = [...byRate.entries()]
    .sort(([a], [b]) => Number(parseDecimal(b, 2) - parseDecimal(a, 2)))
    .map(([rate, s]) => ({ rate, amount: s.incl - s.excl }));
  const totalIncl = [...byRate.values()].reduce((acc, s) => acc + s.incl, 0n);
  const totalVat = vat.reduce((acc, v) => acc + v.amount, 0n);
  return { lines, shipping, payment, vat, totalIncl, totalVat, totalExcl: totalIncl - totalVat };
}

export const cents = (value: bigint): string => formatDecimal(value, 2);
