/**
 * JSON views of product types and list attributes, field for field as the sr-api-docs fixtures
 * (`fixtures/api/{product_class,list_attribute,list_attribute_value,list_attribute_value_description,
 * product_class_attribute_relation,product_list_attribute_value_relation}/response/json/get_id.json`)
 * and the responses of `development/api-examples/08_product_attribute_handling.md`.
 */
import type {
  AttributeState,
  StoredClassAttributeRelation,
  StoredListAttribute,
  StoredListAttributeValueDescription,
  StoredProductClass,
  StoredProductValueRelation,
} from '../domain/attribute-state.js';
import { encodeCatalogId } from '../domain/catalog-ids.js';
import { href, type Json, type JsonObject, str, type ViewContext } from './view-context.js';

const listAttributeId = (innerId: number) => encodeCatalogId('listAttribute', innerId);
export const valueIdOf = (attributes: AttributeState, valueId: number): string =>
  encodeCatalogId(
    'listAttributeValue',
    attributes.values.find((v) => v.valueId === valueId)?.attributeInnerId ?? 0,
    valueId,
  );
const languageLink = (ctx: ViewContext, innerId: number) =>
  href(ctx, `languages/${encodeCatalogId('language', innerId)}`);

export function renderListAttribute(a: StoredListAttribute, ctx: ViewContext): JsonObject {
  const id = listAttributeId(a.innerId);
  return {
    href: `${ctx.baseUrl}/listAttributes/${id}`,
    id,
    type: 'LIST',
    name: a.name,
    priority: a.priority,
    sortOrder: str(a.sortOrder),
    required: str(a.required),
    presentation: a.presentation,
    listAttributeWidget: href(ctx, `listAttributeWidgets/${encodeCatalogId('listAttribute', a.innerId)}`),
    defaultListAttributeValue: null,
    attributeDescriptions: href(ctx, `attributeDescriptions?listAttributeId=${id}`),
    listAttributeValues: href(ctx, `listAttributeValues?listAttributeId=${id}`),
  };
}

export function renderListAttributeValue(
  attributes: AttributeState,
  valueId: number,
  ctx: ViewContext,
): JsonObject {
  const id = valueIdOf(attributes, valueId);
  const attribute = attributes.values.find((v) => v.valueId === valueId)?.attributeInnerId ?? 0;
  return {
    href: `${ctx.baseUrl}/listAttributeValues/${id}`,
    id,
    listAttribute: href(ctx, `listAttributes/${listAttributeId(attribute)}`),
    listAttributeValueDescriptions: href(ctx, `listAttributeValueDescriptions?listAttributeValueId=${id}`),
  };
}

export function renderValueDescription(
  attributes: AttributeState,
  d: StoredListAttributeValueDescription,
  ctx: ViewContext,
): JsonObject {
  const attribute = attributes.values.find((v) => v.valueId === d.valueId)?.attributeInnerId ?? 0;
  const id = encodeCatalogId('listAttributeValueDescription', attribute, d.languageInnerId, d.valueId);
  return {
    href: `${ctx.baseUrl}/listAttributeValueDescriptions/${id}`,
    id,
    name: d.name,
    language: languageLink(ctx, d.languageInnerId),
    listAttributeValue: href(ctx, `listAttributeValues/${valueIdOf(attributes, d.valueId)}`),
  };
}

const parameterLink = (ctx: ViewContext, innerId: number | null): Json =>
  innerId === null ? null : href(ctx, `listAttributes/${listAttributeId(innerId)}`);

export function renderProductClass(c: StoredProductClass, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('productClass', c.innerId);
  return {
    href: `${ctx.baseUrl}/productClasses/${id}`,
    id,
    name: c.name,
    description: c.description,
    firstVariantSelectType: c.firstVariantSelectType,
    secondVariantSelectType: c.secondVariantSelectType,
    firstVariantParameter: parameterLink(ctx, c.firstVariantParameter),
    secondVariantParameter: parameterLink(ctx, c.secondVariantParameter),
    productClassAttributeRelations: href(ctx, `productClassAttributeRelations?productClassId=${id}`),
  };
}

export function renderClassAttributeRelation(r: StoredClassAttributeRelation, ctx: ViewContext): JsonObject {
  const id = encodeCatalogId('productClassAttributeRelation', r.attributeInnerId, r.productClassInnerId);
  return {
    href: `${ctx.baseUrl}/productClassAttributeRelations/${id}`,
    id,
    productClass: href(ctx, `productClasses/${encodeCatalogId('productClass', r.productClassInnerId)}`),
    attribute: href(ctx, `listAttributes/${listAttributeId(r.attributeInnerId)}`),
  };
}

export function renderProductValueRelation(
  attributes: AttributeState,
  r: StoredProductValueRelation,
  ctx: ViewContext,
): JsonObject {
  const attribute = attributes.values.find((v) => v.valueId === r.valueId)?.attributeInnerId ?? 0;
  const id = encodeCatalogId('productListAttributeValueRelation', attribute, r.productInnerId, r.valueId);
  return {
    href: `${ctx.baseUrl}/productListAttributeValueRelations/${id}`,
    id,
    product: href(ctx, `products/${encodeCatalogId('product', r.productInnerId)}`),
    listAttributeValue: href(ctx, `listAttributeValues/${valueIdOf(attributes, r.valueId)}`),
  };
}

/**
 * `productAttributeExtend` of `/productExtend` (its get_id.json fixture): each list attribute the
 * product has a value of, with the value's name per language.
 */
export function renderProductAttributeExtend(
  attributes: AttributeState | undefined,
  productInnerId: number,
  ctx: ViewContext,
): JsonObject[] {
  if (!attributes) return [];
  const valueIds = attributes.productValueRelations
    .filter((r) => r.productInnerId === productInnerId)
    .map((r) => r.valueId);
  const byAttribute = new Map<number, number[]>();
  for (const valueId of valueIds) {
    const attribute = attributes.values.find((v) => v.valueId === valueId)?.attributeInnerId;
    if (attribute !== undefined) byAttribute.set(attribute, [...(byAttribute.get(attribute) ?? []), valueId]);
  }
  return [...byAttribute.entries()].map(([attributeInnerId, values]) => {
    const attribute = attributes.listAttributes.find((a) => a.innerId === attributeInnerId);
    const id = listAttributeId(attributeInnerId);
    return {
      href: `${ctx.baseUrl}/listAttributes/${id}`,
      id,
      type: 'LIST',
      name: attribute?.name ?? '',
      value: attributes.valueDescriptions
        .filter((d) => values.includes(d.valueId))
        .map((d) => {
          const descriptionId = encodeCatalogId(
            'listAttributeValueDescription',
            attributeInnerId,
            d.languageInnerId,
            d.valueId,
          );
          return {
            value: d.name,
            language: {
              ...languageLink(ctx, d.languageInnerId),
              id: encodeCatalogId('language', d.languageInnerId),
            },
            href: `${ctx.baseUrl}/listAttributeValueDescriptions/${descriptionId}`,
            id: descriptionId,
          };
        }),
    };
  });
}
