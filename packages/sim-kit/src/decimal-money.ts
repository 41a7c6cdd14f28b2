/**
 * Decimal-string money without floats, for simulators of APIs that send amounts as decimal strings
 * (e.g. "58.00", "47.933884"): computed as scaled bigints, rounded half away from zero.
 */
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses "12.5" at scale 2 into 1250n. Rejects more decimals than `scale`. */
export function parseDecimal(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`not a decimal number: ${value}`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) throw new RangeError(`more than ${scale} decimals: ${value}`);
  const scaled = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -scaled : scaled;
}

/** Formats 1250n at scale 2 as "12.50". */
export function formatDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Integer division rounding half away from zero (the usual commercial rounding). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (n * 2n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** Changes the scale of a value, rounding half away from zero when decimals are dropped. */
export function rescale(value: bigint, from: number, to: number): bigint {
  if (to >= from) return value * 10n ** BigInt(to - from);
  return divideRounded(value, 10n ** BigInt(from - to));
}

/**
 * Amount excluding VAT at scale 6 from an amount including VAT at scale 2 and a rate at scale 2
 * ("21.00" -> 2100n): incl / (1 + rate/100), rounded half away from zero.
 */
export function excludingVat(includingCents: bigint, rateHundredths: bigint): bigint {
  return divideRounded(includingCents * 10n ** 4n * 10_000n, 10_000n + rateHundredths);
}
