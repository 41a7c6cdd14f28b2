/**
 * The one conversion from Koppel's minor units (fillér) to InnVoice's whole forints, and the
 * line arithmetic InnVoice applies to a gross-priced line (`Brutto=1`): the line value is
 * unit price × quantity rounded to the forint, its VAT = value × r / (100 + r) rounded to the
 * forint, net = value − VAT. Rounding is half away from zero, the arithmetic rounding the
 * Hungarian tax authority accepts for forint amounts (README "Money").
 */
import { divideHalfUp } from '@koppel/order-model';

/** Fillér → whole forints, rounded once, half away from zero. */
export function toForint(filler: bigint): bigint {
  return divideHalfUp(filler, 100n);
}

/** A gross-priced line as InnVoice computes it, in whole forints. */
export type ForintLine = { gross: bigint; vat: bigint; net: bigint };

/**
 * `unitPrice` in hundredths of a forint (InnVoice takes 2 decimals), `ratePercent` 27, 18, 5 or 0.
 */
export function innvoiceLineTotals(unitPrice: bigint, quantity: number, ratePercent: number): ForintLine {
  const gross = divideHalfUp(unitPrice * BigInt(quantity), 100n);
  const vat = divideHalfUp(gross * BigInt(ratePercent), BigInt(100 + ratePercent));
  return { gross, vat, net: gross - vat };
}

/** The unit price (hundredths) closest to `lineGross` forints over `quantity` units. */
export function unitPriceFor(lineGross: bigint, quantity: number): bigint {
  return divideHalfUp(lineGross * 100n, BigInt(quantity));
}

/** Hundredths as InnVoice's decimal text: `5000`, `1666.67`, `-120`. */
export function formatPrice(hundredths: bigint): string {
  const sign = hundredths < 0n ? '-' : '';
  const abs = hundredths < 0n ? -hundredths : hundredths;
  const whole = abs / 100n;
  const fraction = abs % 100n;
  return fraction === 0n ? `${sign}${whole}` : `${sign}${whole}.${String(fraction).padStart(2, '0')}`;
}
