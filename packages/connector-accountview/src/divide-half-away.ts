/** a / b rounded half away from zero (b > 0), AccountView's rounding of amounts (NL, README). */
export function divideHalfAway(a: bigint, b: bigint): bigint {
  const quotient = abs(a) / b;
  const rest = abs(a) % b;
  const rounded = rest * 2n >= b ? quotient + 1n : quotient;
  return a < 0n ? -rounded : rounded;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
