/**
 * Order-level discounts (coupons, cart discounts) known only as one gross amount. When the
 * products carry several VAT rates, the discount is split over the rates in proportion to each
 * rate's product gross (largest remainder to the highest rate), as a discount lowers the base
 * of every rate it applies to; one discount line per rate.
 */
import { LineKind, type OrderLine } from '@koppel/contracts';
import { buildDiscountLine } from './order-lines.js';
import { divideHalfUp } from './vat.js';

export type DiscountInput = { name: string; sku?: string; sourceLineId?: string; totalGross: bigint };

function grossByRate(lines: readonly OrderLine[]): Map<number, bigint> {
  const byRate = new Map<number, bigint>();
  for (const line of lines) {
    if (line.kind !== LineKind.PRODUCT) continue;
    byRate.set(line.vatRateBp, (byRate.get(line.vatRateBp) ?? 0n) + line.totalGross);
  }
  return byRate;
}

/**
 * Discount lines for `discount` against the product lines in `lines`. With no product lines
 * (or no positive product gross) the discount gets rate 0.
 */
export function buildDiscountLines(discount: DiscountInput, lines: readonly OrderLine[]): OrderLine[] {
  const amount = discount.totalGross > 0n ? -discount.totalGross : discount.totalGross;
  const rates = [...grossByRate(lines).entries()].filter(([, gross]) => gross > 0n).sort(([a], [b]) => a - b);
  const base = rates.reduce((sum, [, gross]) => sum + gross, 0n);
  if (rates.length === 0 || base === 0n)
    return [buildDiscountLine({ ...discount, totalGross: amount, vatRateBp: 0 })];
  let allocated = 0n;
  return rates.map(([vatRateBp, gross], index) => {
    const share = index === rates.length - 1 ? amount - allocated : divideHalfUp(amount * gross, base);
    allocated += share;
    const name = rates.length > 1 ? `${discount.name} (${vatRateBp / 100} %)` : discount.name;
    return buildDiscountLine({ ...discount, name, totalGross: share, vatRateBp });
  });
}
