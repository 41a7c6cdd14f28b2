/**
 * Amounts are exact decimals held as bigint ten-thousandths, the precision Shoprenter prints
 * (`"3990.0000"`, README.md). Never a float; the only floats leave through the webhook fields the
 * vendor sample itself types as numbers (see webhook-payload.ts).
 */
export type Amount = bigint;

const SCALE = 10_000n;
export const decimalPattern = /^-?\d{1,12}(\.\d{1,4})?$/;

export function parseAmount(text: string): Amount {
  if (!decimalPattern.test(text)) throw new RangeError(`not a decimal amount: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole) * SCALE + BigInt(fraction.padEnd(4, '0'));
  return negative ? -value : value;
}

/** Fixed number of decimals, e.g. `formatAmount(x, 4)` -> `"4500.0000"`. Truncates beyond 4. */
export function formatAmount(value: Amount, decimals: 0 | 2 | 4 | 8 = 4): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(4, '0');
  const sign = negative ? '-' : '';
  if (decimals === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${fraction.padEnd(decimals, '0').slice(0, decimals)}`;
}

/** Shortest exact form: `"10000"`, `"12.5"` (the webhook sample prints `"total": "10000"`). */
export function formatAmountShort(value: Amount): string {
  return formatAmount(value, 4).replace(/\.?0+$/, '');
}

/** For the few webhook fields the vendor sample types as JSON numbers. */
export function toJsonNumber(value: Amount): number {
  return Number(formatAmountShort(value));
}

export function multiply(unit: Amount, quantity: number): Amount {
  return unit * BigInt(quantity);
}

/**
 * VAT of a net amount at a percentage rate (both in ten-thousandths), rounded half away from zero
 * to whole minor units (0.01). See assumptions.vatRounding.
 */
export function vatOf(net: Amount, ratePercent: Amount): Amount {
  const raw = net * ratePercent; // ten-thousandths squared, times 100 percent
  const divisor = SCALE * 100n * 100n; // -> hundredths (minor units)
  const half = divisor / 2n;
  const minor = raw >= 0n ? (raw + half) / divisor : -((-raw + half) / divisor);
  return minor * 100n;
}

export function sum(values: Amount[]): Amount {
  return values.reduce((a, b) => a + b, 0n);
}
