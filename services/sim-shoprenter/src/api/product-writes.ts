import { decimalPattern, formatAmount, parseAmount } from '../domain/money.js';
import type { SimulatorState, StoredProduct } from '../domain/state.js';
import { ShoprenterError } from '../errors.js';
import { applyCatalogProductFields, catalogProductFields } from './product-catalog-fields.js';
import { assertWritableFields, toInt, toText } from './write-body.js';

const intFields = ['stock1', 'stock2', 'stock3', 'stock4', 'orderable', 'status', 'sortOrder'] as const;
const priceFields = ['price', 'cost', 'quantity'] as const;
const textFields = ['sku', 'modelNumber', 'gtin', 'width', 'height', 'length', 'weight'] as const;
const writable = [...intFields, ...priceFields, ...textFields, 'subtractStock', ...catalogProductFields];
const readonly = ['innerId', 'dateCreated', 'dateUpdated', 'href'];

function toDecimal(field: string, value: unknown): string {
  const text = toText(field, value);
  if (!decimalPattern.test(text))
    throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} is not a number.`);
  return formatAmount(parseAmount(text));
}

/**
 * Applies a product write body (flat or `{"data":{}}`, already unwrapped) to a product: stock1..4
 * as integers (numbers or numeric strings), prices as decimals (README.md "Updating stock").
 */
export function applyProductWrite(
  state: SimulatorState,
  product: StoredProduct,
  data: Record<string, unknown>,
  extra: string[] = [],
): void {
  assertWritableFields(data, [...writable, ...extra], readonly);
  for (const f of intFields) if (data[f] !== undefined) product[f] = toInt(f, data[f]);
  for (const f of priceFields) if (data[f] !== undefined) product[f] = toDecimal(f, data[f]);
  for (const f of textFields) {
    if (data[f] === undefined) continue;
    const text = toText(f, data[f]);
    if (f === 'sku' && text === '') throw new ShoprenterError('WRONG_DATA', 'Wrong data! sku is empty.');
    product[f] = text;
  }
  if (data.subtractStock !== undefined)
    product.subtractStock = toInt('subtractStock', data.subtractStock) === 1;
  applyCatalogProductFields(state, product, data);
  if (product.status !== 0 && product.status !== 1 && product.status !== 2) {
    throw new ShoprenterError('WRONG_DATA', 'Wrong data! status enum value is invalid.');
  }
}
