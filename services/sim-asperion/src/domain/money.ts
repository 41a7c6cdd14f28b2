import { ASSUMPTIONS } from './assumptions.js';
import type { MessageKey } from './messages.js';

/**
 * Wire amounts are JSON numbers with decimals (notes §5 "Money formats differ"); internally we keep
 * integer cents. A number with more than two decimals is rejected rather than silently rounded, and
 * one past ASSUMPTIONS.maxAmountCents is out of range (it would not survive a double exactly).
 */
export type AmountResult = { ok: true; cents: number } | { ok: false; key: MessageKey };

export function parseAmount(value: number): AmountResult {
  const factor = 10 ** ASSUMPTIONS.maxAmountDecimals;
  if (!Number.isFinite(value) || Math.abs(value) * factor > ASSUMPTIONS.maxAmountCents + 0.5)
    return { ok: false, key: 'outOfRange' };
  const scaled = value * factor;
  const cents = Math.round(scaled);
  if (Math.abs(scaled - cents) > 1e-6) return { ok: false, key: 'tooManyDecimals' };
  return { ok: true, cents };
}

/** Cents of an amount, or undefined when it has too many decimals or is out of range. */
export function toCents(value: number): number | undefined {
  const parsed = parseAmount(value);
  return parsed.ok ? parsed.cents : undefined;
}

/** Whether a computed amount in cents (a total) is within the range an amount may have. */
export function centsInRange(cents: number): boolean {
  return Math.abs(cents) <= ASSUMPTIONS.maxAmountCents;
}

/** The largest amount as wire text, for the "out of range" message. */
export const MAX_AMOUNT_TEXT = (ASSUMPTIONS.maxAmountCents / 100).toFixed(2);

export function fromCents(cents: number): number {
  return cents / 100;
}

/** Percentage (max two decimals) as an integer number of hundredths of a percent: 21 -> 2100. */
export function percentageHundredths(percentage: number): number {
  return Math.round(percentage * 100);
}

/**
 * VAT on a line, rounded half away from zero to whole cents as the Belastingdienst rule says
 * (notes §5 "NL rounding": 20,125 -> 20,13). Computed in BigInt: cents x 2100 passes 2^53 from
 * about 4.3e12 cents on, where a double would silently lose the last cents.
 */
export function vatCents(amountCents: number, percentage: number): number {
  const numerator = BigInt(Math.abs(amountCents)) * BigInt(percentageHundredths(percentage));
  const quotient = numerator / 10_000n;
  const rounded = (numerator % 10_000n) * 2n >= 10_000n ? quotient + 1n : quotient;
  return Number(amountCents < 0 ? -rounded : rounded);
}

/** Distance in cents between a given VAT amount and the exact (unrounded) VAT of an amount. */
export function vatDeviationCents(amountCents: number, percentage: number, givenVatCents: number): number {
  const exactTimes10000 = BigInt(amountCents) * BigInt(percentageHundredths(percentage));
  const diff = BigInt(givenVatCents) * 10_000n - exactTimes10000;
  return Number(diff < 0n ? -diff : diff) / 10_000;
}
