import { ASSUMPTIONS } from './assumptions.js';

/**
 * Decimal strings <-> integer minor units. Amounts travel as strings in XML (notes §6.2);
 * `1700`, `1700.50` and `1700,50` are accepted.
 */
export function parseDecimal(raw: string, decimals: number): number | undefined {
  const text = raw.trim().replace(',', '.');
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  if (fraction.length > decimals) return undefined;
  const value = Number(whole) * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(value)) return undefined;
  return sign === '-' ? -value : value;
}

export function formatDecimal(value: number, decimals: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (decimals === 0) return `${sign}${abs}`;
  const factor = 10 ** decimals;
  return `${sign}${Math.floor(abs / factor)}.${String(abs % factor).padStart(decimals, '0')}`;
}

export const isForint = (currency: string) => currency === 'Ft' || currency === 'HUF';

/** Minor units (hundredths) per smallest unit shown: 100 for forint (whole), 1 otherwise. */
const step = (currency: string) => (isForint(currency) ? 10 ** (2 - ASSUMPTIONS.hufDecimals) : 1);

/** Rounds a rational `numerator/denominator` (hundredths) half away from zero to the currency's step. */
export function roundTo(numerator: bigint, denominator: bigint, currency: string): number {
  const unit = BigInt(step(currency)) * denominator;
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / unit;
  if ((abs % unit) * 2n >= unit) q += 1n;
  const result = Number(q) * step(currency);
  return negative ? -result : result;
}

/** Amount to wire: forint as whole numbers, other currencies with two decimals. */
export function formatAmount(hundredths: number, currency: string): string {
  return isForint(currency) ? formatDecimal(Math.round(hundredths / 100), 0) : formatDecimal(hundredths, 2);
}

/**
 * Line totals (notes §4.3): `Brutto=1` means `EgysegAr` includes VAT. Net -> VAT on net; gross ->
 * VAT = gross x r/(100+r). Each step rounded to the currency's unit.
 */
export function lineTotals(
  unitPrice: number,
  quantity: number,
  rate: number,
  grossPrices: boolean,
  currency: string,
) {
  const value = roundTo(BigInt(unitPrice) * BigInt(quantity), 1000n, currency);
  if (grossPrices) {
    const vat = roundTo(BigInt(value) * BigInt(rate), BigInt(100 + rate), currency);
    return { net: value - vat, vat, gross: value };
  }
  const vat = roundTo(BigInt(value) * BigInt(rate), 100n, currency);
  return { net: value, vat, gross: value + vat };
}
