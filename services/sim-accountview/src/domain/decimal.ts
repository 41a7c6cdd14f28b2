/**
 * Decimal arithmetic on strings and scaled bigints, so amounts and quantities never pass through
 * floating point. AccountView's wire format is JSON numbers; they are read as their decimal text.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** Canonical decimal text of a JSON number or numeric string; undefined when not numeric. */
export function toDecimalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return normalise(String(value));
  if (typeof value === 'string' && isDecimal(value.trim())) return normalise(value.trim());
  return undefined;
}

function normalise(text: string): string {
  if (/e/i.test(text)) return normalise(expandExponent(text));
  const negative = text.startsWith('-');
  const [intPart = '0', frac = ''] = text.replace('-', '').split('.');
  const int = intPart.replace(/^0+(?=\d)/, '');
  const fraction = frac.replace(/0+$/, '');
  const body = fraction ? `${int}.${fraction}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** `1.5e+21` -> `1500000000000000000000`, `2.5e-7` -> `0.00000025`, digit by digit (no toFixed limits). */
function expandExponent(text: string): string {
  const [mantissa = '0', exp = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [intPart = '0', frac = ''] = mantissa.replace(/^[-+]/, '').split('.');
  const digits = intPart + frac;
  const point = intPart.length + Number(exp);
  const body =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

/** Scales a decimal text to an integer of `scale` decimals, rounding half away from zero. */
export function toScaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [intPart = '0', frac = ''] = text.replace('-', '').split('.');
  const padded = (frac + '0'.repeat(scale + 1)).slice(0, scale + 1);
  const raw = BigInt(intPart + padded);
  const rounded = (raw + 5n) / 10n;
  return negative ? -rounded : rounded;
}

export function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return normalise(negative ? `-${text}` : text);
}

export function compareDecimal(a: string, b: string): number {
  const x = toScaled(a, 10);
  const y = toScaled(b, 10);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Half-up division of scaled integers (used for VAT = base x pct / 100 and gross splits). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}
