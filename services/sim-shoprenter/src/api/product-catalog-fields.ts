/**
 * The product fields a catalogue import writes besides prices and stock (sr-api-docs
 * `fixtures/api/product/data.json`): `mainPicture` (a path under the shop's image folder, as
 * uploaded through `/files`), `parentProduct` (a variant's parent, `{"id"}`), `taxClass`
 * (`{"id"}`, one of the shop's tax classes), `productClass` (the product type, `{"id"}`, one of
 * `/productClasses`). README.md "Catalogue".
 */
import { linkedId } from '../domain/catalog-ids.js';
import { productCatalogFields } from '../domain/catalog-state.js';
import type { SimulatorState, StoredProduct } from '../domain/state.js';
import { ShoprenterError } from '../errors.js';
import { taxClassIds } from '../views/product-view.js';
import { toText } from './write-body.js';

export const catalogProductFields = ['mainPicture', 'parentProduct', 'taxClass', 'productClass'] as const;

/** OpenCart's `product.sku` column is varchar(64) [INF]: longer SKUs answer 400/40005. */
export const MAX_SKU_LENGTH = 64;

/** The filePath rule of the File resource: English letters, digits, `(`, `)`, `_`, `-`, `/`, `.`. */
export const FILE_PATH_PATTERN = /^[A-Za-z0-9()_\-./]+$/;

export function applyCatalogProductFields(
  state: SimulatorState,
  product: StoredProduct,
  data: Record<string, unknown>,
): void {
  if (product.sku.length > MAX_SKU_LENGTH) {
    throw new ShoprenterError('WRONG_DATA', `Wrong data! sku is longer than ${MAX_SKU_LENGTH} characters.`);
  }
  const fields = productCatalogFields(product);
  if (data.mainPicture !== undefined) {
    const path = toText('mainPicture', data.mainPicture);
    if (path !== '' && !FILE_PATH_PATTERN.test(path)) {
      throw new ShoprenterError('WRONG_DATA', 'Wrong data! mainPicture is not a valid path.');
    }
    fields.mainPicture = path;
  }
  if (data.parentProduct !== undefined) {
    fields.parentInnerId =
      data.parentProduct === null ? null : linkedId('product', 'parentProduct', data.parentProduct);
    if (fields.parentInnerId === product.innerId) {
      throw new ShoprenterError('WRONG_RESOURCE_IDENTITY_IN_DATA', 'A product cannot be its own parent');
    }
  }
  if (data.productClass !== undefined) {
    fields.productClassInnerId =
      data.productClass === null ? null : linkedId('productClass', 'productClass', data.productClass);
    const known = (state.attributes?.productClasses ?? []).some(
      (c) => c.innerId === fields.productClassInnerId,
    );
    if (fields.productClassInnerId !== null && !known) {
      throw new ShoprenterError(
        'WRONG_RESOURCE_IDENTITY_IN_DATA',
        'Resource identity is wrong in data: productClass',
      );
    }
  }
  if (data.taxClass !== undefined) {
    const taxClass = linkedId('taxClass', 'taxClass', data.taxClass);
    const rate = Object.entries(taxClassIds).find(([, id]) => id === taxClass)?.[0];
    if (rate === undefined) {
      throw new ShoprenterError(
        'WRONG_RESOURCE_IDENTITY_IN_DATA',
        'Resource identity is wrong in data: taxClass',
      );
    }
    product.taxRate = rate;
  }
}
