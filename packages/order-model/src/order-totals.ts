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
