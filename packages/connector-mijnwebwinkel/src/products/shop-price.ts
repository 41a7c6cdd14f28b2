/**
 * Article prices as Mijnwebwinkel takes them: decimal strings, incl. or excl. VAT as the store's
 * `prices_include_tax` says (spec `ArticlePrice`). A CatalogProduct's price in the other basis is
 * converted with its VAT rate, rounded half up to the cent, in integer arithmetic.
 * https://myonlinestore.github.io/public-api-docs/#tag/Store-information
 */

export type ShopPrice = { ok: true; text: string } | { ok: false; reason: string };

const BP = 10_000;

/** `1250` → `"12.50"`. */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** The price in the store's basis, from whichever of net and gross the product carries. */
export function shopPriceOf(
  price: { priceNetMinor?: number | undefined; priceGrossMinor?: number | undefined },
  vatRateBp: number | undefined,
  includeTax: boolean,
): ShopPrice {
  const wanted = includeTax ? price.priceGrossMinor : price.priceNetMinor;
  if (wanted !== undefined) return { ok: true, text: formatMinor(wanted) };
  const other = includeTax ? price.priceNetMinor : price.priceGrossMinor;
  if (other === undefined) return { ok: false, reason: 'the product has no price' };
  if (vatRateBp === undefined) {
    return {
      ok: false,
      reason: `the store shows prices ${includeTax ? 'incl.' : 'excl.'} VAT and the product has no VAT rate`,
    };
  }
  const minor = includeTax
    ? divideHalfUp(BigInt(other) * BigInt(BP + vatRateBp), BigInt(BP))
    : divideHalfUp(BigInt(other) * BigInt(BP), BigInt(BP + vatRateBp));
  return { ok: true, text: formatMinor(Number(minor)) };
}
