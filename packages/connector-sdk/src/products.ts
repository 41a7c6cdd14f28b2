/**
 * Products flow like stock, from the books/POS (a connection's target system, `productSource`)
 * into the shop (its source system, `productSink`), through `@koppel/product-sync`, which
 * schedules them in resumable chunks. Only one direction is active per connection.
 */

/** A product as the books/POS describe it, in one shape for every system. */
export type CatalogProduct = {
  /** SKU (article code): the match key unless the connection matches on EAN. */
  sku: string;
  ean?: string;
  name: string;
  shortDescription?: string;
  longDescription?: string;
  /** Net price excl. VAT in the currency's minor unit (cents), when the source has one. */
  priceNetMinor?: number;
  /** Gross price incl. VAT in minor units. */
  priceGrossMinor?: number;
  currency: string;
  /** VAT rate in basis points (2100 = 21 %). */
  vatRateBp?: number;
  /** The source's product group (excluded groups are never uploaded). */
  group?: string;
  /** Category path, outermost first, e.g. ['Clothing', 'T-shirts']. */
  categories: string[][];
  /** Image URLs or data as the source offers them (`data:` URLs for inline images). */
  images: string[];
  /** Free characteristics, e.g. { material: 'cotton' }. */
  characteristics: Record<string, string>;
  /** Price groups (e.g. Shoprenter's sale/discount groups): group name → gross price in minor units. */
  priceGroups: Record<string, number>;
  /** Variants of one parent: each has its own SKU and the attributes that tell it apart. */
  variants: CatalogVariant[];
  active: boolean;
  /** When the source last changed the product. */
  changedAt: Date;
};

export type CatalogVariant = {
  sku: string;
  ean?: string;
  /** Attribute name → value as the source names them (mapped per connection before the sink). */
  attributes: Record<string, string>;
  priceGrossMinor?: number;
  priceNetMinor?: number;
};

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A plain decimal from a books/POS article (JSON number or text: `12.345`, `"21.00"`) in
 * hundredths, half up (away from zero): the minor units of a two-decimal price, or the basis
 * points of a VAT percentage. Undefined when absent or not a plain decimal (`1e3`, `12,5`).
 */
export function decimalToHundredths(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const match = PLAIN_DECIMAL.exec(String(value).trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const padded = `${fraction}000`;
  let hundredths = BigInt(whole ?? '0') * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) hundredths += 1n;
  return Number(sign === '-' ? -hundredths : hundredths);
}

/** One page of the source's catalogue and where the next begins (absent: the last page). */
export type CatalogPage = { products: CatalogProduct[]; next?: string };

export type ProductSourceCapability<Session = unknown> = {
  /** A page of products, all or changed since `changedSince`; `page` is the previous `next`. */
  read(session: Session, options: { page?: string; changedSince?: Date }): Promise<CatalogPage>;
};

/** What the shop did with one product. */
export type ProductUpsertResult = {
  sku: string;
  outcome: 'created' | 'updated' | 'price-and-stock-only' | 'refused';
  /** The shop's id of the product, when it has one. */
  shopProductId?: string;
  /** Why it was refused, in words. */
  reason?: string;
};

export type ProductSinkCapability<Session = unknown> = {
  maxBatchSize: number;
  /**
   * Creates or updates each product by `matchKey`. With `updateProductInfo` false an existing
   * product only gets its price (stock goes through the stock sink); a new one is created whole.
   */
  upsert(
    session: Session,
    products: readonly CatalogProduct[],
    options: { matchKey: 'sku' | 'ean'; updateProductInfo: boolean },
  ): Promise<ProductUpsertResult[]>;
};
