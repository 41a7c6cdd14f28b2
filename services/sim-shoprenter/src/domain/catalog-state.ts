/**
 * The catalogue around products that product imports write (sr-api-docs fixtures `category`,
 * `category_extend`, `product_category_relation`, `product_image`, `product_special`,
 * `customer_group`, `customer_group_product_price`, `file`; README.md "Catalogue"). Kept apart
 * from the order/stock state so older state files still load: `catalogOf` creates it on first use.
 */
import type { SimulatorState, StoredProduct } from './state.js';

/** Per-product catalogue fields (absent on products saved before they existed). */
export type StoredProductCatalogFields = {
  /** Variant: the parent product's innerId (`parentProduct` link). */
  parentInnerId: number | null;
  /** Relative image path, e.g. `product/mug.jpg` (uploaded through `/files`). */
  mainPicture: string;
  /** The hu description's `parameters` field (name, shortDescription and description live on the product). */
  parameters: string;
  /** False for a product created by `POST /products` until a description is written. */
  hasDescription: boolean;
  /** The product type's innerId (`productClass` link); absent on products saved before it existed. */
  productClassInnerId?: number | null;
};

export type StoredCategory = {
  innerId: number;
  parentInnerId: number | null;
  /** The hu category description's name. */
  name: string;
  status: number;
  sortOrder: number;
  picture: string;
  dateCreated: string;
  dateUpdated: string;
};

export type StoredProductCategoryRelation = { productInnerId: number; categoryInnerId: number };
export type StoredProductImage = {
  innerId: number;
  productInnerId: number;
  imagePath: string;
  imageAlt: string;
  sortOrder: number;
};
export type StoredProductSpecial = {
  innerId: number;
  productInnerId: number;
  customerGroupInnerId: number;
  priority: number;
  /** Net price, 4 decimals. */
  price: string;
  dateFrom: string;
  dateTo: string;
  minQuantity: number;
  maxQuantity: number;
};
export type StoredCustomerGroupPrice = {
  productInnerId: number;
  customerGroupInnerId: number;
  price: string;
};
export type StoredCustomerGroup = {
  innerId: number;
  name: string;
  percentDiscount: string;
  percentDiscountSpecialPrices: string;
};
/** An uploaded file: its path and size (the bytes themselves are not kept). */
export type StoredFile = { filePath: string; type: 'image' | 'download'; bytes: number };

export type CatalogState = {
  counters: { category: number; productImage: number; productSpecial: number; customerGroup: number };
  categories: StoredCategory[];
  productCategoryRelations: StoredProductCategoryRelation[];
  productImages: StoredProductImage[];
  productSpecials: StoredProductSpecial[];
  customerGroupProductPrices: StoredCustomerGroupPrice[];
  customerGroups: StoredCustomerGroup[];
  files: StoredFile[];
};

/** Shop configuration every shop has: the default customer group 8 (README.md "Ids tables"). */
export const DEFAULT_CUSTOMER_GROUP = 8;

/** The catalogue of the state, created (with the default customer group) on first use. */
export function catalogOf(state: SimulatorState): CatalogState {
  state.catalog ??= {
    counters: { category: 100, productImage: 0, productSpecial: 0, customerGroup: DEFAULT_CUSTOMER_GROUP },
    categories: [],
    productCategoryRelations: [],
    productImages: [],
    productSpecials: [],
    customerGroupProductPrices: [],
    customerGroups: [
      {
        innerId: DEFAULT_CUSTOMER_GROUP,
        name: 'Default',
        percentDiscount: '0',
        percentDiscountSpecialPrices: '0',
      },
    ],
    files: [],
  };
  return state.catalog;
}

export function nextCatalogId(catalog: CatalogState, counter: keyof CatalogState['counters']): number {
  catalog.counters[counter] += 1;
  return catalog.counters[counter];
}

/** A product's catalogue fields, with the defaults of a product that never had any. */
export function productCatalogFields(product: StoredProduct): StoredProductCatalogFields {
  product.catalog ??= { parentInnerId: null, mainPicture: '', parameters: '', hasDescription: true };
  return product.catalog;
}

/** Removes everything that hangs off a deleted product. */
export function dropProductRelations(state: SimulatorState, productInnerId: number): void {
  const catalog = catalogOf(state);
  const other = <T extends { productInnerId: number }>(rows: T[]) =>
    rows.filter((row) => row.productInnerId !== productInnerId);
  catalog.productCategoryRelations = other(catalog.productCategoryRelations);
  catalog.productImages = other(catalog.productImages);
  catalog.productSpecials = other(catalog.productSpecials);
  catalog.customerGroupProductPrices = other(catalog.customerGroupProductPrices);
}
