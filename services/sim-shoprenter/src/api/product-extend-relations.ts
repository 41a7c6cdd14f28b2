/**
 * The related rows a `/productExtend` write carries (sr-api-docs `06_extend_resource.md`,
 * `fixtures/api/product_extend/request/post.json`): `productDescriptions` (per language),
 * `productCategoryRelations`, `productSpecials`, `customerGroupProductPrices`. POST appends the
 * rows, PUT replaces the rows of each relation the body names (a relation left out is kept).
 * Everything is validated before anything is written, so a refused write changes nothing.
 */
import { linkedId } from '../domain/catalog-ids.js';
import {
  catalogOf,
  DEFAULT_CUSTOMER_GROUP,
  nextCatalogId,
  productCatalogFields,
  type StoredProductSpecial,
} from '../domain/catalog-state.js';
import { decimalPattern, formatAmount, parseAmount } from '../domain/money.js';
import type { SimulatorState, StoredProduct } from '../domain/state.js';
import { ShoprenterError } from '../errors.js';
import { HU_LANGUAGE } from '../views/catalog-views.js';
import { assertWritableFields, toInt, toText } from './write-body.js';

export const extendRelations = [
  'productDescriptions',
  'productCategoryRelations',
  'productSpecials',
  'customerGroupProductPrices',
] as const;

type Description = { name: string; shortDescription: string; description: string; parameters: string };
type Plan = {
  descriptions?: Description;
  categories?: number[];
  specials?: Omit<StoredProductSpecial, 'innerId' | 'productInnerId'>[];
  groupPrices?: { customerGroupInnerId: number; price: string }[];
};

function rows(field: string, value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} is not a list.`);
  return value.map((row) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} item is not an object.`);
    }
    return row as Record<string, unknown>;
  });
}

function decimal(field: string, value: unknown): string {
  const text = toText(field, value);
  if (!decimalPattern.test(text))
    throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} is not a number.`);
  return formatAmount(parseAmount(text));
}

function customerGroupOf(state: SimulatorState, field: string, value: unknown): number {
  if (value === undefined) return DEFAULT_CUSTOMER_GROUP;
  const id = linkedId('customerGroup', field, value);
  if (!catalogOf(state).customerGroups.some((g) => g.innerId === id)) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      `Resource identity is wrong in data: ${field}`,
    );
  }
  return id;
}

function planDescriptions(value: unknown): Description {
  const hu = rows('productDescriptions', value).map((row) => {
    assertWritableFields(row, ['name', 'shortDescription', 'description', 'parameters', 'language'], []);
    // Only Hungarian is simulated (README.md): another language id is a wrong identity.
    if (linkedId('language', 'productDescriptions.language', row.language) !== HU_LANGUAGE) {
      throw new ShoprenterError(
        'WRONG_RESOURCE_IDENTITY_IN_DATA',
        'Resource identity is wrong in data: language',
      );
    }
    const name = toText('productDescriptions.name', row.name ?? '');
    if (name.trim() === '') throw new ShoprenterError('WRONG_DATA', 'Wrong data! name is empty.');
    return {
      name,
      shortDescription: toText('shortDescription', row.shortDescription ?? ''),
      description: toText('description', row.description ?? ''),
      parameters: toText('parameters', row.parameters ?? ''),
    };
  });
  const first = hu[0];
  if (!first) throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: productDescriptions');
  return first;
}

/** Validates the relations in `data` (removing them from it) and returns what to write. */
export function planExtendRelations(state: SimulatorState, data: Record<string, unknown>): Plan {
  const plan: Plan = {};
  const catalog = catalogOf(state);
  if (data.productDescriptions !== undefined) plan.descriptions = planDescriptions(data.productDescriptions);
  if (data.productCategoryRelations !== undefined) {
    plan.categories = rows('productCategoryRelations', data.productCategoryRelations).map((row) => {
      const id = linkedId('category', 'productCategoryRelations.category', row.category);
      if (!catalog.categories.some((c) => c.innerId === id)) {
        throw new ShoprenterError(
          'WRONG_RESOURCE_IDENTITY_IN_DATA',
          'Resource identity is wrong in data: category',
        );
      }
      return id;
    });
  }
  if (data.productSpecials !== undefined) {
    plan.specials = rows('productSpecials', data.productSpecials).map((row) => ({
      customerGroupInnerId: customerGroupOf(state, 'productSpecials.customerGroup', row.customerGroup),
      priority: row.priority === undefined ? 1 : toInt('priority', row.priority),
      price: decimal('productSpecials.price', row.price),
      dateFrom: row.dateFrom === undefined ? '0000-00-00' : toText('dateFrom', row.dateFrom),
      dateTo: row.dateTo === undefined ? '0000-00-00' : toText('dateTo', row.dateTo),
      minQuantity: row.minQuantity === undefined ? 0 : toInt('minQuantity', row.minQuantity),
      maxQuantity: row.maxQuantity === undefined ? 0 : toInt('maxQuantity', row.maxQuantity),
    }));
  }
  if (data.customerGroupProductPrices !== undefined) {
    plan.groupPrices = rows('customerGroupProductPrices', data.customerGroupProductPrices).map((row) => ({
      customerGroupInnerId: customerGroupOf(
        state,
        'customerGroupProductPrices.customerGroup',
        row.customerGroup,
      ),
      price: decimal('customerGroupProductPrices.price', row.price),
    }));
  }
  for (const field of extendRelations) delete data[field];
  return plan;
}

/** Writes a validated plan for a product: `replace` (PUT) drops the named relations' old rows first. */
export function commitExtendRelations(
  state: SimulatorState,
  product: StoredProduct,
  plan: Plan,
  mode: 'append' | 'replace',
): void {
  const catalog = catalogOf(state);
  const id = product.innerId;
  const mine = (row: { productInnerId: number }) => row.productInnerId === id;
  if (plan.descriptions) {
    const { parameters, ...texts } = plan.descriptions;
    Object.assign(product, texts);
    Object.assign(productCatalogFields(product), { parameters, hasDescription: true });
  }
  if (plan.categories) {
    if (mode === 'replace')
      catalog.productCategoryRelations = catalog.productCategoryRelations.filter((r) => !mine(r));
    for (const categoryInnerId of plan.categories) {
      const exists = catalog.productCategoryRelations.some(
        (r) => mine(r) && r.categoryInnerId === categoryInnerId,
      );
      if (!exists) catalog.productCategoryRelations.push({ productInnerId: id, categoryInnerId });
    }
  }
  if (plan.specials) {
    if (mode === 'replace') catalog.productSpecials = catalog.productSpecials.filter((r) => !mine(r));
    for (const special of plan.specials) {
      catalog.productSpecials.push({
        innerId: nextCatalogId(catalog, 'productSpecial'),
        productInnerId: id,
        ...special,
      });
    }
  }
  if (plan.groupPrices) {
    if (mode === 'replace') {
      catalog.customerGroupProductPrices = catalog.customerGroupProductPrices.filter((r) => !mine(r));
    }
    for (const row of plan.groupPrices) {
      // One price per customer group and product (the id is built from both).
      catalog.customerGroupProductPrices = catalog.customerGroupProductPrices.filter(
        (r) => !(mine(r) && r.customerGroupInnerId === row.customerGroupInnerId),
      );
      catalog.customerGroupProductPrices.push({ productInnerId: id, ...row });
    }
  }
}
