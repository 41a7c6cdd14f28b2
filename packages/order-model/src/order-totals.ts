/**
 * Order totals from lines under one of the two VAT rounding methods the Dutch tax office
 * allows (never mix them): per line (sum of the lines' rounded VAT) or per rate (VAT computed
 * once on each rate's net base, as UBL e-invoicing does).
 * https://www.softwarepakketten.nl/wiki_uitleg/59&bronw=7/UBL_en_BTW_afronding_en_BTW_berekening_via_grondslagen.htm
 */
import { create } from '@bufbuild/protobuf';
import { type OrderLine, type Totals, TotalsSchema, VatRounding } from '@koppel/contracts';
import { computeVat } from './vat.js';

export type RateBase = { vatRateBp: number; net: bigint; vat: bigint };

/** Net base and VAT per rate (VAT rounded once per rate), sorted by rate. */
export function vatBreakdownByRate(lines: readonly OrderLine[]): RateBase[] {
  const nets = new Map<number, bigint>();
  for (const line of lines) nets.set(line.vatRateBp, (nets.get(line.vatRateBp) ?? 0n) + line.totalNet);
  return [...nets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([vatRateBp, net]) => ({ vatRateBp, net, vat: computeVat(net, vatRateBp) }));
}

export function computeTotals(lines: readonly OrderLine[], rounding: VatRounding): Totals {
  let net = 0n;
  for (const line of lines) net += line.totalNet;
  let vat = 0n;
  if (rounding === VatRounding.PER_LINE) {
    for (const line of lines) vat += line.vatAmount;
  } else if (rounding === VatRounding.PER_RATE) {
    for (const base of vatBreakdownByRate(lines)) vat += base.vat;
  } else {
    throw new RangeError('VAT rounding method must be PER_LINE or PER_RATE');
  }
  return create(TotalsSchema, { net, vat, gross: net + vat });
}

/**
 * Each line's VAT so the lines add up to the order's VAT under its rounding method. Per line:
 * as the order has them. Per rate: VAT is rounded once on each rate's base, and the difference
 * to the sum of the lines' VAT (a cent or two) goes to the rate's largest line, so lines and
 * header agree as the Belastingdienst requires of either method.
 */
export function lineVatAmounts(lines: readonly OrderLine[], rounding: VatRounding): bigint[] {
  const amounts = lines.map((line) => line.vatAmount);
  if (rounding !== VatRounding.PER_RATE) return amounts;
  for (const base of vatBreakdownByRate(lines)) {
    let largest = -1;
    let assigned = 0n;
    lines.forEach((line, index) => {
      if (line.vatRateBp !== base.vatRateBp) return;
      assigned += line.vatAmount;
      const current = lines[largest];
      if (current === undefined || magnitude(line.totalNet) > magnitude(current.totalNet)) largest = index;
    });
    const amount = amounts[largest];
    if (amount !== undefined) amounts[largest] = amount + (base.vat - assigned);
  }
  return amounts;
}

function magnitude(value: bigint): bigint {
  return value < 0n ? -value : value;
}
