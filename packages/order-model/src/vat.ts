/**
 * VAT arithmetic on integer minor units with explicit rounding. Rates are basis points
 * (2100 = 21 %). Rounding is arithmetic half-up on whole minor units, as the Belastingdienst
 * prescribes (20.125 → 20.13); negative amounts (discounts) round half away from zero so a
 * discount's VAT mirrors the VAT of the same positive amount.
 * https://www.fiscanet.nl/fiscanet/fiscact.nsf/rssfn?readform&re=CD85738AB347F587C1258486004D0B4E
 */
import { parseScaledDecimal } from './money.js';

const BP_PER_UNIT = 10_000n;

/** Standard and reduced rates of the EU states, in basis points, used to recognise a rate. */
export const KNOWN_VAT_RATES_BP: readonly number[] = Object.freeze([
  0, 300, 400, 500, 550, 600, 700, 800, 900, 1000, 1200, 1300, 1350, 1400, 1500, 1700, 1800, 1900, 2000, 2100,
  2200, 2300, 2400, 2500, 2550, 2700,
]);

/** numerator / denominator rounded half away from zero; the denominator must be positive. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (magnitude * 2n + denominator) / (denominator * 2n);
  return numerator < 0n ? -rounded : rounded;
}

export function assertVatRateBp(rateBp: number): void {
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    throw new RangeError(`VAT rate ${rateBp} bp is not a whole number of basis points in 0..10000`);
  }
}

/** VAT on a net amount, rounded half-up to whole minor units (2013n for 95.83 at 21 %). */
export function computeVat(net: bigint, rateBp: number): bigint {
  assertVatRateBp(rateBp);
  return divideHalfUp(net * BigInt(rateBp), BP_PER_UNIT);
}

export function grossFromNet(net: bigint, rateBp: number): bigint {
  return net + computeVat(net, rateBp);
}

/** The net amount whose gross is `gross`, rounded half-up (the VAT is then gross - net). */
export function netFromGross(gross: bigint, rateBp: number): bigint {
  assertVatRateBp(rateBp);
  return divideHalfUp(gross * BP_PER_UNIT, BP_PER_UNIT + BigInt(rateBp));
}

/** Parses a percentage ("27.0000", "5.5", 21) into basis points; more than 2 decimals throws. */
export function parseVatRateBp(percent: string | number): number {
  const rateBp = Number(parseScaledDecimal(percent, 2, 'exact'));
  assertVatRateBp(rateBp);
  return rateBp;
}

/**
 * The VAT rate of an amount given net and gross only (e.g. a shipping fee). Prefers a known EU
 * rate that reproduces the gross within one minor unit, else the ratio rounded to a basis point.
 */
export function inferVatRateBp(
  net: bigint,
  gross: bigint,
  candidates: readonly number[] = KNOWN_VAT_RATES_BP,
): number {
  if (net === 0n) return 0;
  if (net < 0n) return inferVatRateBp(-net, -gross, candidates);
  let best: { rateBp: number; distance: bigint } | undefined;
  for (const rateBp of candidates) {
    const diff = grossFromNet(net, rateBp) - gross;
    const distance = diff < 0n ? -diff : diff;
    if (distance <= 1n && (best === undefined || distance < best.distance)) best = { rateBp, distance };
  }
  if (best !== undefined) return best.rateBp;
  const ratio = Number(divideHalfUp((gross - net) * BP_PER_UNIT, net));
  return Math.min(Math.max(ratio, 0), 10_000);
}
