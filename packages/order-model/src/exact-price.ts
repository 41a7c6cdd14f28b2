/**
 * Unit prices kept at the source's precision (Shoprenter: net prices with 4 decimals, so a
 * 5000 Ft gross unit at 5 % is net 4761.9048 Ft). They are decimal text in major units with at
 * most 4 decimals; a line total is exact price × quantity rounded ONCE to the currency's minor
 * unit, half away from zero, so 10 × 4761.9048 Ft is 47619.05 Ft (not 10 × 4761.90 = 47619.00).
 */
import { formatScaledDecimal, minorDigits, parseScaledDecimal } from './money.js';
import { divideHalfUp } from './vat.js';

/** Decimal places an exact unit price may carry. */
export const EXACT_PRICE_SCALE = 4;

/** Parses an exact unit price ("4761.9048") into 10^-4 major units; more than 4 decimals throws. */
export function parseExactPrice(text: string): bigint {
  return parseScaledDecimal(text, EXACT_PRICE_SCALE, 'exact');
}

/** The canonical text of an exact unit price: always 4 decimals ("5000" → "5000.0000"). */
export function normalizeExactPrice(text: string): string {
  return formatScaledDecimal(parseExactPrice(text), EXACT_PRICE_SCALE);
}

/** An amount in 10^-4 major units rounded once, half away from zero, to minor units of `currency`. */
export function roundExactToMinor(scaled: bigint, currency: string): bigint {
  const digits = minorDigits(currency);
  if (digits > EXACT_PRICE_SCALE) throw new RangeError(`${currency} has more than 4 minor digits`);
  return divideHalfUp(scaled, 10n ** BigInt(EXACT_PRICE_SCALE - digits));
}

/** exact unit price × quantity, rounded once to minor units (4761.9048 HUF × 10 → 4761905n). */
export function exactLineTotal(exact: string, quantity: number, currency: string): bigint {
  return roundExactToMinor(parseExactPrice(exact) * BigInt(quantity), currency);
}

/** The exact unit price rounded to minor units, the line's display unit price. */
export function exactUnitMinor(exact: string, currency: string): bigint {
  return exactLineTotal(exact, 1, currency);
}
