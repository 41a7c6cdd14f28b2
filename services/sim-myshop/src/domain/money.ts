/** Amounts are decimal strings on this API; the arithmetic is sim-kit's scaled-bigint money. */
export { divideRounded, excludingVat, formatDecimal, parseDecimal, rescale } from '@koppel/sim-kit';
