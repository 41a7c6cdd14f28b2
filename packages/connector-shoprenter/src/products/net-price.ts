/**
 * Shoprenter's product `price` is the net price ("Net price.", product data.json), printed with 4
 * decimals (`"139900.0000"`); the shop adds the tax class's rate. A CatalogProduct carries its
 * price in minor units (cents) excl. or incl. VAT: a gross price is turned into net with its
 * VAT rate, rounded half up to the 4th decimal, in bigint arithmetic (never a float).
 * https://doc.shoprenter.hu/api/product.html
 */

/** A net price as Shoprenter prints it, or why it cannot be given. */
export type NetPrice = { ok: true; decimal: string } | { ok: false; reason: string };

const TEN_THOUSANDTHS_PER_MINOR = 100n;
const BP = 10_000n;

/** `1234.5600` from an amount in ten-thousandths of the major unit. */
export function formatTenThousandths(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / BP}.${(abs % BP).toString().padStart(4, '0')}`;
}

/** Divides rounding half up (away from zero for the positive prices this sees). */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Net of a gross amount in minor units at `vatRateBp` (2700 = 27 %). */
export function netOfGross(grossMinor: number, vatRateBp: number): string {
  const gross = BigInt(grossMinor) * TEN_THOUSANDTHS_PER_MINOR;
  return formatTenThousandths(divideHalfUp(gross * BP, BP + BigInt(vatRateBp)));
}

/** The net price of a product or variant: its net price when it has one, else its gross one less VAT. */
export function netPriceOf(
  price: { priceNetMinor?: number | undefined; priceGrossMinor?: number | undefined },
  vatRateBp: number | undefined,
): NetPrice {
  if (price.priceNetMinor !== undefined) {
    return {
      ok: true,
      decimal: formatTenThousandths(BigInt(price.priceNetMinor) * TEN_THOUSANDTHS_PER_MINOR),
    };
  }
  if (price.priceGrossMinor === undefined) return { ok: false, reason: 'the product has no price' };
  if (vatRateBp === undefined) {
    return {
      ok: false,
      reason: 'a gross price without a VAT rate cannot be made net (Shoprenter takes net prices)',
    };
  }
  return { ok: true, decimal: netOfGross(price.priceGrossMinor, vatRateBp) };
}

/** The tax rate as Shoprenter prints it on a tax rate (`"27.0000"`). */
export function rateText(vatRateBp: number): string {
  return formatTenThousandths(BigInt(vatRateBp) * 100n);
}
