/**
 * Mplus quantities are integers with a separate decimalPlaces (1.25 -> 125 / 2, notes §3.2).
 * Internally every quantity is an integer of millionths, so sums never touch floating point.
 */
export const SCALE_DIGITS = 6;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

export function fromWire(amount: number, decimalPlaces: number): bigint {
  if (decimalPlaces > SCALE_DIGITS) {
    const drop = 10n ** BigInt(decimalPlaces - SCALE_DIGITS);
    return BigInt(amount) / drop;
  }
  return BigInt(amount) * 10n ** BigInt(SCALE_DIGITS - decimalPlaces);
}

/** The shortest wire form: trailing zeros dropped (1.20 -> 12 / 1). */
export function toWire(value: bigint): { amount: number; decimalPlaces: number } {
  let amount = value;
  let places = SCALE_DIGITS;
  while (places > 0 && amount % 10n === 0n) {
    amount /= 10n;
    places -= 1;
  }
  return { amount: Number(amount), decimalPlaces: places };
}

export function fromDecimalText(text: string): bigint {
  const [int = '0', frac = ''] = text.replace('-', '').split('.');
  const value = BigInt(int) * SCALE + BigInt((frac + '0'.repeat(SCALE_DIGITS)).slice(0, SCALE_DIGITS));
  return text.startsWith('-') ? -value : value;
}

export const UNIT = SCALE;

/** Half-up (away from zero) integer division. */
export function divRound(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (a * 2n + b) / (b * 2n);
  return negative ? -q : q;
}
