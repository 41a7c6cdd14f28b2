/**
 * The document's currency at the edge (README "Money"): a forint document is in whole forints
 * (`map-forint.ts`, the one conversion from fillér); a euro document keeps its cents (InnVoice
 * takes `EgysegAr` with 2 decimals, `Devizanem` names the currency). Each order line becomes
 * gross-priced document lines (`Brutto=1`) whose value is the shop's line gross: in forints the
 * unit price carries two decimals of a forint; in euro, where a line's cents do not divide by its
 * quantity, the line is split into two lines of the same article one cent apart in unit price
 * (e.g. 124.95 € for 10: 5 × 12.49 + 5 × 12.50), so every line's gross is the shop's exactly.
 */
import { divideHalfUp } from '@koppel/order-model';
import { innvoiceLineTotals, toForint, unitPriceFor } from './map-forint.js';

/** Currencies a document can be in: forint, and euro with `Devizanem` (README "Money"). */
export const DOCUMENT_CURRENCIES = ['HUF', 'EUR'] as const;
export type DocumentCurrency = (typeof DOCUMENT_CURRENCIES)[number];

/** `Devizanem` as InnVoice's clients send it: `Ft` for forint (INV-LARAVEL), else the ISO code. */
export function currencyName(currency: DocumentCurrency): string {
  return currency === 'HUF' ? 'Ft' : currency;
}

/** The order's minor units → the document's unit: whole forints, or euro cents as they are. */
export function toDocumentUnits(minor: bigint, currency: DocumentCurrency): bigint {
  return currency === 'HUF' ? toForint(minor) : minor;
}

/** Document units → hundredths, the scale of `EgysegAr` (2 decimals). */
export function toHundredths(amount: bigint, currency: DocumentCurrency): bigint {
  return currency === 'HUF' ? amount * 100n : amount;
}

/** One gross-priced document line: unit price in hundredths, totals in document units. */
export type PricedLine = { unitPrice: bigint; quantity: number; gross: bigint; vat: bigint; net: bigint };

/** Gross-priced lines worth `gross` document units for `quantity` units at `ratePercent`. */
export function pricedLines(
  gross: bigint,
  quantity: number,
  ratePercent: number,
  currency: DocumentCurrency,
): PricedLine[] {
  if (currency === 'HUF') {
    const unitPrice = unitPriceFor(gross, quantity);
    return [{ unitPrice, quantity, ...innvoiceLineTotals(unitPrice, quantity, ratePercent) }];
  }
  const count = BigInt(quantity);
  const unit = gross / count; // towards zero
  const rest = gross - unit * count;
  const step = rest < 0n ? -1n : 1n;
  const moved = Number(rest < 0n ? -rest : rest);
  return [
    { unitPrice: unit, quantity: quantity - moved },
    { unitPrice: unit + step, quantity: moved },
  ]
    .filter((line) => line.quantity > 0)
    .map((line) => ({ ...line, ...centLineTotals(line.unitPrice * BigInt(line.quantity), ratePercent) }));
}

/** InnVoice's arithmetic of a gross-priced cent line: VAT = gross × r / (100 + r), half away from zero. */
function centLineTotals(gross: bigint, ratePercent: number): { gross: bigint; vat: bigint; net: bigint } {
  const vat = divideHalfUp(gross * BigInt(ratePercent), BigInt(100 + ratePercent));
  return { gross, vat, net: gross - vat };
}
