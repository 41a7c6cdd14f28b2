import { ASSUMPTIONS } from './assumptions.js';

/**
 * Wire amounts are JSON numbers with decimals (notes §5 "Money formats differ"); internally we keep
 * integer cents. A number with more than two decimals is rejected rather than silently rounded.
 */
export function toCents(value: number): number | undefined {
  const factor = 10 ** ASSUMPTIONS.maxAmountDecimals;
  const scaled = value * factor;
  const cents = Math.round(scaled);
  if (!Number.isSafeInteger(cents) || Math.abs(scaled - cents) > 1e-6) return undefined;
  return cents;
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** Percentage (max two decimals) as an integer number of hundredths of a percent: 21 -> 2100. */
export function percentageHundredths(percentage: number): number {
  return Math.round(percentage * 100);
}

/**
 * VAT on a line, rounded half away from zero to whole cents as the Belastingdienst rule says
 * (notes §5 "NL rounding": 20,125 -> 20,13).
 */
export function vatCents(amountCents: number, percentage: number): number {
  const numerator = Math.abs(amountCents) * percentageHundredths(percentage);
  const quotient = Math.floor(numerator / 10_000);
  const rounded = (numerator % 10_000) * 2 >= 10_000 ? quotient + 1 : quotient;
  return amountCents < 0 ? -rounded : rounded;
}

/** Distance in cents between a given VAT amount and the exact (unrounded) VAT of an amount. */
export function vatDeviationCents(amountCents: number, percentage: number, givenVatCents: number): number {
  const exactTimes10000 = amountCents * percentageHundredths(percentage);
  return Math.abs(givenVatCents * 10_000 - exactTimes10000) / 10_000;
}
