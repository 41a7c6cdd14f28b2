import { formatAmount, parseAmount } from './money.js';
import { nextId, type SimulatorState, type StoredProduct } from './state.js';

export type ProductSeed = {
  sku: string;
  name: string;
  price: string;
  taxRate: string;
  stock1: number;
  stock2: number;
  stock3: number;
  stock4: number;
  gtin: string;
  modelNumber: string;
  status: number;
  subtractStock: boolean;
  description: string;
  shortDescription: string;
};

/** Creates the product, or updates the one with the same SKU (keeping its innerId). */
export function upsertProduct(state: SimulatorState, seed: ProductSeed, now: string): StoredProduct {
  const fields = {
    ...seed,
    price: formatAmount(parseAmount(seed.price)),
    taxRate: formatAmount(parseAmount(seed.taxRate)),
    dateUpdated: now,
  };
  const existing = state.products.find((p) => p.sku === seed.sku);
  if (existing) {
    Object.assign(existing, fields);
    return existing;
  }
  const product: StoredProduct = {
    innerId: nextId(state, 'product'),
    cost: '0.0000',
    orderable: 1,
    quantity: '0.0000',
    sortOrder: 0,
    width: '0.00',
    height: '0.00',
    length: '0.00',
    weight: '0.00',
    dateCreated: now,
    ...fields,
  };
  state.products.push(product);
  return product;
}
