/**
 * Pure: a source's product as this connection's shop is to receive it. Attribute names are
 * renamed by the connection's map, and the price is given the way the shop enters it: incl. VAT
 * (gross) or excl. VAT (net), derived from the other with the product's VAT rate when the source
 * gave only one. Rounding is half up to the minor unit, in integers (never floats).
 */
import type { CatalogProduct, CatalogVariant } from '@koppel/connector-sdk';
import type { ProductSettings } from './product-settings.js';

type Priced = { priceNetMinor?: number; priceGrossMinor?: number };

/** `value × numerator / denominator`, rounded half away from zero, in integers. */
function scaleRounded(value: number, numerator: number, denominator: number): number {
  const scaled = BigInt(value) * BigInt(numerator);
  const d = BigInt(denominator);
  const half = d / 2n;
  const rounded = scaled >= 0n ? (scaled + half) / d : -((-scaled + half) / d);
  return Number(rounded);
}

/** Gross from net (or back) with a VAT rate in basis points; undefined when it cannot be known. */
export function grossOf(price: Priced, vatRateBp: number | undefined): number | undefined {
  if (price.priceGrossMinor !== undefined) return price.priceGrossMinor;
  if (price.priceNetMinor === undefined || vatRateBp === undefined) return undefined;
  return scaleRounded(price.priceNetMinor, 10_000 + vatRateBp, 10_000);
}

export function netOf(price: Priced, vatRateBp: number | undefined): number | undefined {
  if (price.priceNetMinor !== undefined) return price.priceNetMinor;
  if (price.priceGrossMinor === undefined || vatRateBp === undefined) return undefined;
  return scaleRounded(price.priceGrossMinor, 10_000, 10_000 + vatRateBp);
}

/**
 * Only the price the shop enters is kept: a shop given both could not tell which one its owner
 * set. A price that cannot be derived (net only, no VAT rate) is left out, so the shop keeps its own.
 */
function choosePrice<T extends Priced>(item: T, vatRateBp: number | undefined, includeVat: boolean): T {
  const { priceNetMinor: _net, priceGrossMinor: _gross, ...rest } = item;
  const price = includeVat ? grossOf(item, vatRateBp) : netOf(item, vatRateBp);
  if (price === undefined) return rest as T;
  return { ...rest, ...(includeVat ? { priceGrossMinor: price } : { priceNetMinor: price }) } as T;
}

/** Renames attribute names the map knows; names it does not know stay as the source has them. */
export function mapAttributes(
  attributes: Readonly<Record<string, string>>,
  attributeMap: Readonly<Record<string, string>>,
): Record<string, string> {
  const lowerMap = new Map(Object.entries(attributeMap).map(([from, to]) => [from.toLowerCase(), to]));
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [lowerMap.get(name.toLowerCase()) ?? name, value]),
  );
}

/** The product as the shop of this connection receives it. */
export function shapeProduct(
  product: CatalogProduct,
  settings: Pick<ProductSettings, 'attributeMap' | 'pricesIncludeVat'>,
): CatalogProduct {
  const vat = product.vatRateBp;
  const variants: CatalogVariant[] = product.variants.map((variant) =>
    choosePrice(
      { ...variant, attributes: mapAttributes(variant.attributes, settings.attributeMap) },
      vat,
      settings.pricesIncludeVat,
    ),
  );
  return {
    ...choosePrice(product, vat, settings.pricesIncludeVat),
    characteristics: mapAttributes(product.characteristics, settings.attributeMap),
    variants,
  };
}
