/**
 * Product types and the relations that make variants (sr-api-docs `api/product_class.md`,
 * `api/product_class_attribute_relation.md`, `api/product_list_attribute_value_relation.md`,
 * `development/api-examples/08_product_attribute_handling.md`): `/productClasses` (GET, POST,
 * PUT; `firstVariantParameter`/`secondVariantParameter` must be attributes the type groups, "This
 * can only come from the properties summarized by the type!"), `/productClassAttributeRelations`
 * and `/productListAttributeValueRelations` (GET with their filters, POST to create, DELETE).
 * README.md "Product types and variants" lists the choices the docs leave open.
 */
import {
  attributesOf,
  attributesOfClass,
  nextAttributeId,
  type StoredProductClass,
} from '../domain/attribute-state.js';
import { catalogIdParam, catalogPathId, decodeCatalogId } from '../domain/catalog-ids.js';
import { productCatalogFields } from '../domain/catalog-state.js';
import { ShoprenterError } from '../errors.js';
import {
  renderClassAttributeRelation,
  renderProductClass,
  renderProductValueRelation,
} from '../views/attribute-views.js';
import { type ApiContext, type ApiRequest, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { existingValueId, linkedIds } from './list-attribute-resources.js';
import { assertAllowedParams, notFound, pagingParams } from './query-params.js';
import { assertWritableFields, readWriteBody, toText } from './write-body.js';

const selectTypes = ['SELECT', 'ICON', 'LIST'] as const;

function classById(ctx: ApiContext, id: string, path: string): StoredProductClass {
  const innerId = catalogPathId('productClass', id)[0];
  const found = attributesOf(ctx.store.state).productClasses.find((c) => c.innerId === innerId);
  if (!found) throw notFound(path);
  return found;
}

function selectType(field: string, value: unknown): StoredProductClass['firstVariantSelectType'] {
  const text = toText(field, value);
  const found = selectTypes.find((t) => t === text);
  if (!found) throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} enum value is invalid.`);
  return found;
}

/** Applies a write body to a copy of the type and returns it; a refused write changes nothing. */
function writeClass(ctx: ApiContext, draft: StoredProductClass, body: unknown): StoredProductClass {
  const data = readWriteBody(body);
  assertWritableFields(
    data,
    [
      'name',
      'description',
      'firstVariantSelectType',
      'secondVariantSelectType',
      'firstVariantParameter',
      'secondVariantParameter',
    ],
    ['productClassAttributeRelations'],
  );
  const next = { ...draft };
  if (data.name !== undefined) next.name = toText('name', data.name);
  if (data.description !== undefined) next.description = toText('description', data.description);
  if (data.firstVariantSelectType !== undefined) {
    next.firstVariantSelectType = selectType('firstVariantSelectType', data.firstVariantSelectType);
  }
  if (data.secondVariantSelectType !== undefined) {
    next.secondVariantSelectType = selectType('secondVariantSelectType', data.secondVariantSelectType);
  }
  const grouped = attributesOfClass(attributesOf(ctx.store.state), next.innerId);
  for (const field of ['firstVariantParameter', 'secondVariantParameter'] as const) {
    if (data[field] === undefined) continue;
    const attribute = data[field] === null ? null : (linkedIds('listAttribute', field, data[field])[0] ?? 0);
    if (attribute !== null && !grouped.includes(attribute)) {
      throw new ShoprenterError(
        'WRONG_DATA',
        `Wrong data! ${field} is not an attribute of the product class.`,
      );
    }
    next[field] = attribute;
  }
  if (next.name.trim() === '') throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: name');
  return next;
}

function saveClass(ctx: ApiContext, updated: StoredProductClass, status: number) {
  const attributes = attributesOf(ctx.store.state);
  attributes.productClasses = [
    ...attributes.productClasses.filter((c) => c.innerId !== updated.innerId),
    updated,
  ];
  attributes.productClasses.sort((a, b) => a.innerId - b.innerId);
  ctx.store.save();
  return ok(renderProductClass(updated, ctx.view), status);
}

const updateClass = (req: ApiRequest, [id = '']: string[], ctx: ApiContext) =>
  saveClass(ctx, writeClass(ctx, classById(ctx, id, req.path), req.body), 200);

function productOf(ctx: ApiContext, value: unknown): number {
  const id = linkedIds('product', 'product', value)[0];
  if (!ctx.store.state.products.some((p) => p.innerId === id)) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      'Resource identity is wrong in data: product',
    );
  }
  return id ?? 0;
}

function createValueRelation(req: ApiRequest, ctx: ApiContext) {
  const data = readWriteBody(req.body);
  assertWritableFields(data, ['product', 'listAttributeValue'], []);
  if (data.product === undefined || data.listAttributeValue === undefined) {
    throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: product, listAttributeValue');
  }
  const attributes = attributesOf(ctx.store.state);
  const productInnerId = productOf(ctx, data.product);
  const valueId = existingValueId(attributes, 'listAttributeValue', data.listAttributeValue);
  // [INF] as the admin does: a product takes values only of attributes its product type groups.
  const product = ctx.store.state.products.find((p) => p.innerId === productInnerId);
  const productClass = product ? productCatalogFields(product).productClassInnerId : null;
  const attribute = attributes.values.find((v) => v.valueId === valueId)?.attributeInnerId ?? 0;
  if (productClass == null || !attributesOfClass(attributes, productClass).includes(attribute)) {
    throw new ShoprenterError(
      'WRONG_DATA',
      'Wrong data! The attribute of listAttributeValue does not belong to the product class of the product.',
    );
  }
  const exists = attributes.productValueRelations.some(
    (r) => r.productInnerId === productInnerId && r.valueId === valueId,
  );
  if (exists) throw new ShoprenterError('RESOURCE_EXISTS', 'Resource exists!');
  const relation = { productInnerId, valueId };
  attributes.productValueRelations.push(relation);
  ctx.store.save();
  return ok(renderProductValueRelation(attributes, relation, ctx.view), 201);
}

export const productClassRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/productClasses',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams]);
      const rows = attributesOf(ctx.store.state).productClasses;
      return ok(
        renderCollection(rows, 'productClasses', req.query, ctx.view, (c) => renderProductClass(c, ctx.view)),
      );
    },
  },
  {
    method: 'GET',
    path: '/productClasses/:id',
    handle: (req, [id = ''], ctx) => ok(renderProductClass(classById(ctx, id, req.path), ctx.view)),
  },
  {
    method: 'POST',
    path: '/productClasses',
    handle: (req, _p, ctx) => {
      const attributes = attributesOf(ctx.store.state);
      const draft: StoredProductClass = {
        innerId: attributes.counters.productClass + 1,
        name: '',
        description: '',
        firstVariantSelectType: 'SELECT',
        secondVariantSelectType: 'SELECT',
        firstVariantParameter: null,
        secondVariantParameter: null,
      };
      const created = writeClass(ctx, draft, req.body);
      nextAttributeId(attributes, 'productClass');
      return saveClass(ctx, created, 201);
    },
  },
  { method: 'PUT', path: '/productClasses/:id', handle: updateClass },
  { method: 'POST', path: '/productClasses/:id', handle: updateClass },
  {
    method: 'GET',
    path: '/productClassAttributeRelations',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'productClassId', 'listAttributeId']);
      const classId = catalogIdParam(req.query, 'productClassId', 'productClass');
      const attributeId = catalogIdParam(req.query, 'listAttributeId', 'listAttribute');
      const rows = attributesOf(ctx.store.state).classAttributeRelations.filter(
        (r) =>
          (classId === undefined || r.productClassInnerId === classId) &&
          (attributeId === undefined || r.attributeInnerId === attributeId),
      );
      return ok(
        renderCollection(rows, 'productClassAttributeRelations', req.query, ctx.view, (r) =>
          renderClassAttributeRelation(r, ctx.view),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/productClassAttributeRelations',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['productClass', 'attribute'], []);
      if (data.productClass === undefined || data.attribute === undefined) {
        throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: productClass, attribute');
      }
      const attributes = attributesOf(ctx.store.state);
      const classId = linkedIds('productClass', 'productClass', data.productClass)[0] ?? 0;
      if (!attributes.productClasses.some((c) => c.innerId === classId)) {
        throw new ShoprenterError(
          'WRONG_RESOURCE_IDENTITY_IN_DATA',
          'Resource identity is wrong in data: productClass',
        );
      }
      const attributeId = linkedIds('listAttribute', 'attribute', data.attribute)[0] ?? 0;
      if (!attributes.listAttributes.some((a) => a.innerId === attributeId)) {
        throw new ShoprenterError(
          'WRONG_RESOURCE_IDENTITY_IN_DATA',
          'Resource identity is wrong in data: attribute',
        );
      }
      if (attributesOfClass(attributes, classId).includes(attributeId)) {
        throw new ShoprenterError('RESOURCE_EXISTS', 'Resource exists!');
      }
      const relation = { productClassInnerId: classId, attributeInnerId: attributeId };
      attributes.classAttributeRelations.push(relation);
      ctx.store.save();
      return ok(renderClassAttributeRelation(relation, ctx.view), 201);
    },
  },
  {
    method: 'GET',
    path: '/productListAttributeValueRelations',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'productId', 'listAttributeValueId']);
      const productId = catalogIdParam(req.query, 'productId', 'product');
      const rawValue = req.query.listAttributeValueId;
      const valueId =
        rawValue === undefined ? undefined : decodeCatalogId('listAttributeValue', rawValue)?.[1];
      if (rawValue !== undefined && valueId === undefined) {
        throw new ShoprenterError('WRONG_DATA', 'Wrong data! Bad resource identifier: listAttributeValueId');
      }
      const attributes = attributesOf(ctx.store.state);
      const rows = attributes.productValueRelations.filter(
        (r) =>
          (productId === undefined || r.productInnerId === productId) &&
          (valueId === undefined || r.valueId === valueId),
      );
      return ok(
        renderCollection(rows, 'productListAttributeValueRelations', req.query, ctx.view, (r) =>
          renderProductValueRelation(attributes, r, ctx.view),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/productListAttributeValueRelations',
    handle: (req, _p, ctx) => createValueRelation(req, ctx),
  },
  {
    method: 'DELETE',
    path: '/productListAttributeValueRelations/:id',
    handle: (req, [id = ''], ctx) => {
      const [, productInnerId, valueId] = catalogPathId('productListAttributeValueRelation', id);
      const attributes = attributesOf(ctx.store.state);
      const keep = (r: { productInnerId: number; valueId: number }) =>
        !(r.productInnerId === productInnerId && r.valueId === valueId);
      if (attributes.productValueRelations.every(keep)) throw notFound(req.path);
      attributes.productValueRelations = attributes.productValueRelations.filter(keep);
      ctx.store.save();
      return { status: 204, body: undefined };
    },
  },
];
