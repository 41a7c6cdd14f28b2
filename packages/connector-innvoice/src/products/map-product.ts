/**
 * Pure: one InnVoice product as a `CatalogProduct` (README "Products"). The first price group
 * (lowest `ArcsoportID`) is the product's price; every group is also a price group by its name.
 * Whether `Arcsoport_Ar` is net or gross is not documented [gap]. A group whose name says net
 * (`nettó`, `netto`, `net`) holds net prices, any other gross [I]: retail groups (Kisker) hold
 * shelf prices, which Hungarian shops quote incl. ÁFA (7 990 Ft). The VAT rate comes from the
 * product's `AfaSzoveg` (`27%`, `0% - KBA` …); net group prices are made gross with it (price
 * groups are gross in the catalogue) and left out when the rate is unknown. The product's price
 * is the first group's (lowest `ArcsoportID`); the other groups are its price groups, by name.
 * Amounts are in hundredths of the currency (fillér for HUF), as InnVoice gives two decimals.
 */
import type { CatalogProduct } from '@koppel/connector-sdk';
import type { InnvoiceProduct } from './product-schemas.js';

/** A decimal text in hundredths, half up; undefined when it is no number. */
export function toHundredths(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(-?)(\d+)(?:[.,](\d+))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const padded = `${fraction}000`;
  let minor = BigInt(whole ?? '0') * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) minor += 1n;
  return Number(sign === '-' ? -minor : minor);
}

/** `27%` → 2700, `0% - KBA` → 0; undefined for a label without a percentage. */
export function vatRateOfLabel(label: string | undefined): number | undefined {
  const match = label === undefined ? null : /^(\d+(?:[.,]\d+)?)\s*%/.exec(label.trim());
  return match ? toHundredths(match[1]) : undefined;
}

const NET_GROUP = /(^|[^a-z])nett?[oó]?([^a-z]|$)/i;

/** `value × (1 + rate)`, half up, in integers. */
const grossOf = (net: number, vatBp: number) =>
  Number((BigInt(net) * BigInt(10_000 + vatBp) + 5_000n) / 10_000n);

type GroupPrice = { id: number; name: string; gross: number | undefined; net: number | undefined };

function groupPrices(product: InnvoiceProduct, vatRateBp: number | undefined): GroupPrice[] {
  const prices: GroupPrice[] = [];
  for (const price of product.Arak?.Ar ?? []) {
    const amount = toHundredths(price.Arcsoport_Ar);
    if (amount === undefined) continue;
    const id = Number(price.ArcsoportID ?? Number.NaN);
    const name = price.ArcsoportNev ?? String(price.ArcsoportID ?? prices.length + 1);
    if (NET_GROUP.test(name)) {
      prices.push({
        id,
        name,
        net: amount,
        gross: vatRateBp === undefined ? undefined : grossOf(amount, vatRateBp),
      });
    } else {
      prices.push({ id, name, gross: amount, net: undefined });
    }
  }
  return prices.sort((a, b) => (Number.isNaN(a.id) ? 1 : Number.isNaN(b.id) ? -1 : a.id - b.id));
}

export function mapProduct(
  product: InnvoiceProduct,
  currency: string,
  changedAt: Date,
): CatalogProduct | undefined {
  const sku = product.CikkSzam;
  if (sku === undefined) return undefined;
  const vatRateBp = vatRateOfLabel(product.AfaSzoveg);
  const prices = groupPrices(product, vatRateBp);
  const [first, ...others] = prices;
  // The first group is the product's own price; the others are price groups (e.g. wholesale).
  const priceGroups: Record<string, number> = {};
  for (const price of others) {
    if (price.gross !== undefined) priceGroups[price.name] = price.gross;
  }
  return {
    sku,
    ean: product.EAN,
    name: product.Nev ?? sku,
    priceGrossMinor: first?.gross,
    priceNetMinor: first?.net,
    currency,
    vatRateBp,
    group: product.Termekcsoport,
    categories: product.Termekcsoport ? [[product.Termekcsoport]] : [],
    images: [],
    characteristics: {},
    priceGroups,
    variants: [],
    active: true,
    changedAt,
  };
}
