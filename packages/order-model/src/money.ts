/**
 * Money as integer minor units (`bigint`), parsed from and formatted to decimal text without
 * ever going through floating-point arithmetic.
 */

/** ISO 4217 minor-unit digits of the currencies Koppel meets (HUF has 2 in ISO 4217). */
const MINOR_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  EUR: 2,
  HUF: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CZK: 2,
  PLN: 2,
  RON: 2,
  BGN: 2,
  SEK: 2,
  DKK: 2,
  NOK: 2,
  JPY: 0,
  ISK: 0,
  KWD: 3,
  BHD: 3,
});

/** `exact` rejects digits beyond the scale unless they are zeros; `half-up` rounds half away from zero. */
export type DecimalRounding = 'exact' | 'half-up';

export type ParseMoneyOptions = { rounding?: DecimalRounding };

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

export function isKnownCurrency(currency: string): boolean {
  return Object.hasOwn(MINOR_DIGITS, currency);
}

/** Minor-unit digits of an ISO 4217 code; throws RangeError for a currency not in the table. */
export function minorDigits(currency: string): number {
  const digits = MINOR_DIGITS[currency];
  if (digits === undefined) throw new RangeError(`unsupported currency "${currency}"`);
  return digits;
}

function toDecimalText(value: string | number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  // A JS number prints as the shortest text that round-trips, so 1000.5 stays "1000.5";
  // exponent forms (1e21, 1e-7) are rejected by the pattern below.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  return value.trim();
}

/**
 * Parses decimal text ("3990.0000", "-12.5", 1000) into an integer scaled by 10^scale,
 * e.g. scale 2: "20.125" → 2013n with half-up, RangeError with exact.
 */
export function parseScaledDecimal(
  value: string | number | bigint,
  scale: number,
  rounding: DecimalRounding = 'exact',
): bigint {
  const text = toDecimalText(value);
  const match = DECIMAL_TEXT.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (match === null || (whole === '' && fraction === '')) {
    throw new RangeError(`"${text}" is not a decimal number`);
  }
  const kept = fraction.slice(0, scale).padEnd(scale, '0');
  const dropped = fraction.slice(scale);
  let magnitude = BigInt(`${whole || '0'}${kept}`);
  if (/[1-9]/.test(dropped)) {
    if (rounding === 'exact') throw new RangeError(`"${text}" has more than ${scale} decimals`);
    if (dropped.charCodeAt(0) >= '5'.charCodeAt(0)) magnitude += 1n;
  }
  return match[1] === '-' ? -magnitude : magnitude;
}

/** Parses a source amount into minor units of `currency` ("3990.0000" HUF → 399000n). */
export function parseMinorUnits(
  value: string | number | bigint,
  currency: string,
  options: ParseMoneyOptions = {},
): bigint {
  return parseScaledDecimal(value, minorDigits(currency), options.rounding ?? 'exact');
}

/** Formats an integer scaled by 10^scale as plain decimal text (2013n, 2 → "20.13"). */
export function formatScaledDecimal(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Minor units as the decimal text a target expects (399000n HUF → "3990.00"). */
export function toDecimalString(minor: bigint, currency: string): string {
  return formatScaledDecimal(minor, minorDigits(currency));
}

/**
 * Minor units as a JSON number for targets whose API takes decimals as numbers. Only for
 * serialisation at the very edge: never compute with the result.
 */
export function toDecimalNumber(minor: bigint, currency: string): number {
  return Number(toDecimalString(minor, currency));
}
