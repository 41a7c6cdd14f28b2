/**
 * Product types and list attributes, the way Shoprenter forms product variants (sr-api-docs
 * `development/api-examples/08_product_attribute_handling.md`): a list attribute (`/listAttributes`)
 * has values (`/listAttributeValues`) named per language (`/listAttributeValueDescriptions`); a
 * product type (`/productClasses`) groups attributes (`/productClassAttributeRelations`) and names
 * up to two of them as its variant parameters; a product takes a value through
 * `/productListAttributeValueRelations`, and a child product points at its parent with
 * `parentProduct`. Kept apart from the order state so older state files still load.
 */
import type { SimulatorState } from './state.js';

export type StoredListAttribute = {
  /** `attribute_id`: one sequence for every attribute kind in Shoprenter (ids 13, 15, 16 in the example). */
  innerId: number;
  /** Text identifier: lowercase English letters (the admin's "name", not the label). */
  name: string;
  priority: 'HIDDEN' | 'NORMAL' | 'IMPORTANT';
  sortOrder: number;
  required: boolean;
  presentation: 'TEXT' | 'ICON';
};
export type StoredListAttributeValue = { valueId: number; attributeInnerId: number };
export type StoredListAttributeValueDescription = { valueId: number; languageInnerId: number; name: string };
export type StoredProductClass = {
  innerId: number;
  name: string;
  description: string;
  firstVariantSelectType: 'SELECT' | 'ICON' | 'LIST';
  secondVariantSelectType: 'SELECT' | 'ICON' | 'LIST';
  /** Attribute innerIds of the variant parameters (list attributes of the type), or null. */
  firstVariantParameter: number | null;
  secondVariantParameter: number | null;
};
export type StoredClassAttributeRelation = { productClassInnerId: number; attributeInnerId: number };
export type StoredProductValueRelation = { productInnerId: number; valueId: number };

export type AttributeState = {
  counters: { attribute: number; value: number; productClass: number };
  listAttributes: StoredListAttribute[];
  values: StoredListAttributeValue[];
  valueDescriptions: StoredListAttributeValueDescription[];
  productClasses: StoredProductClass[];
  classAttributeRelations: StoredClassAttributeRelation[];
  productValueRelations: StoredProductValueRelation[];
};

export function attributesOf(state: SimulatorState): AttributeState {
  state.attributes ??= {
    counters: { attribute: 10, value: 0, productClass: 0 },
    listAttributes: [],
    values: [],
    valueDescriptions: [],
    productClasses: [],
    classAttributeRelations: [],
    productValueRelations: [],
  };
  return state.attributes;
}

export function nextAttributeId(
  attributes: AttributeState,
  counter: keyof AttributeState['counters'],
): number {
  attributes.counters[counter] += 1;
  return attributes.counters[counter];
}

/** The list attributes a product type groups (its `productClassAttributeRelations`). */
export function attributesOfClass(attributes: AttributeState, productClassInnerId: number): number[] {
  return attributes.classAttributeRelations
    .filter((r) => r.productClassInnerId === productClassInnerId)
    .map((r) => r.attributeInnerId);
}

/** Removes a deleted product's attribute values. */
export function dropProductValues(state: SimulatorState, productInnerId: number): void {
  if (!state.attributes) return;
  state.attributes.productValueRelations = state.attributes.productValueRelations.filter(
    (r) => r.productInnerId !== productInnerId,
  );
}
