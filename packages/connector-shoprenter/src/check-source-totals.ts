/**
 * Cross-checks the totals computed from the lines against the order's own `total` (net),
 * `taxPrice` (VAT) and `totalGross`. Lines keep Shoprenter's 4-decimal unit prices and are rounded
 * once per line, while the shop rounds its own totals its way, so each line may differ by one
 * minor unit; anything beyond one minor unit per line means a line is missing or misread, and the
 * order is rejected rather than booked wrong.
 * https://doc.shoprenter.hu/development/api/07_webhook.html (sample: total = net, totalGross, taxPrice)
 */
import type { Totals } from '@koppel/contracts';
import { toDecimalString } from '@koppel/order-model';
import { decodeFailed, optionalAmount } from './decode-errors.js';
import type { ShoprenterOrder } from './order-payload-schema.js';

const CHECKS = [
  ['total', 'net'],
  ['taxPrice', 'vat'],
  ['totalGross', 'gross'],
] as const;

export function checkSourceTotals(order: ShoprenterOrder, totals: Totals, lineCount: number): void {
  const tolerance = BigInt(lineCount);
  for (const [field, key] of CHECKS) {
    const stated = optionalAmount(order[field], order.currency, field);
    if (stated === undefined) continue;
    const difference = stated - totals[key];
    if (difference > tolerance || difference < -tolerance) {
      const computed = toDecimalString(totals[key], order.currency);
      throw decodeFailed(`${field} is ${order[field]} but the lines add up to ${computed}`, field);
    }
  }
}
