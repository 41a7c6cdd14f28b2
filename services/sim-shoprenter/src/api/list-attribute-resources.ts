/**
 * List attributes, their values and the values' names (sr-api-docs `api/list_attribute.md`,
 * `api/list_attribute_value.md`, `api/list_attribute_value_description.md` and their
 * `fixtures/api/<resource>/data.json`): collections with the documented filters (`name`;
 * `listAttributeId`; `listAttributeValueId`, `languageId`), GET by id, POST to create. One
 * language (hu) is simulated. README.md "Product types and variants".
 */
import {
  type AttributeState,
  attributesOf,
  nextAttributeId,
  type StoredListAttribute,
} from '../domain/attribute-state.js';
import { catalogPathId, decodeCatalogId } from '../domain/catalog-ids.js';
import { ShoprenterError } from '../errors.js';
import {
  renderListAttribute,
  renderListAttributeValue,
  renderValueDescription,
} from '../views/attribute-views.js';
import { HU_LANGUAGE } from '../views/catalog-views.js';
import { type ApiContext, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { assertAllowedParams, notFound, pagingParams } from './query-params.js';
import { assertWritableFields, readWriteBody, toInt, toText } from './write-body.js';

/** The numbers behind a link `{"id"}` / `{"href"}` of a kind; malformed → 400/40006. */
export function linkedIds(
  kind: Parameters<typeof decodeCatalogId>[0],
  field: string,
  value: unknown,
): number[] {
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const raw =
    typeof record.id === 'string'
      ? record.id
      : typeof record.href === 'string'
        ? decodeURIComponent(record.href.split('/').at(-1) ?? '')
        : '';
  const ids = decodeCatalogId(kind, raw);
  if (!ids) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      `Resource identity is wrong in data: ${field}`,
    );
  }
  return ids;
}

/** A list attribute value named in a body: it must exist (else 400/40006). */
export function existingValueId(attributes: AttributeState, field: string, value: unknown): number {
  const [attribute, valueId] = linkedIds('listAttributeValue', field, value);
  if (!attributes.values.some((v) => v.valueId === valueId && v.attributeInnerId === attribute)) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      `Resource identity is wrong in data: ${field}`,
    );
  }
  return valueId ?? 0;
}

/** A filter naming a resource id of a kind: malformed → 400/40005 (bad resource identifier). */
function idFilter(query: Record<string, string>, name: string, kind: Parameters<typeof decodeCatalogId>[0]) {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const ids = decodeCatalogId(kind, raw);
  if (!ids) throw new ShoprenterError('WRONG_DATA', `Wrong data! Bad resource identifier: ${name}`);
  return ids;
}

function enumOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const text = toText(field, value);
  if (!(allowed as readonly string[]).includes(text)) {
    throw new ShoprenterError('WRONG_DATA', `Wrong data! ${field} enum value is invalid.`);
  }
  return text as T;
}

function createListAttribute(body: unknown, ctx: ApiContext): StoredListAttribute {
  const data = readWriteBody(body);
  assertWritableFields(
    data,
    ['type', 'name', 'priority', 'sortOrder', 'required', 'presentation', 'defaultListAttributeValue'],
    ['listAttributeWidget'],
  );
  if (data.type === undefined || data.name === undefined) {
    throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: type, name');
  }
  enumOf('type', data.type, ['LIST'], 'LIST');
  const name = toText('name', data.name);
  // "Name (lowercase, only english alphabet)" (list_attribute data.json); the examples use `_`.
  if (!/^[a-z_]+$/.test(name)) throw new ShoprenterError('WRONG_DATA', 'Wrong data! name is not valid.');
  const attributes = attributesOf(ctx.store.state);
  if (attributes.listAttributes.some((a) => a.name === name)) {
    throw new ShoprenterError('RESOURCE_EXISTS', 'Resource exists!');
  }
  const attribute: StoredListAttribute = {
    innerId: nextAttributeId(attributes, 'attribute'),
    name,
    priority: enumOf('priority', data.priority, ['HIDDEN', 'NORMAL', 'IMPORTANT'], 'NORMAL'),
    sortOrder: data.sortOrder === undefined ? 0 : toInt('sortOrder', data.sortOrder),
    required: data.required === undefined ? false : toInt('required', data.required) === 1,
    presentation: enumOf('presentation', data.presentation, ['TEXT', 'ICON'], 'TEXT'),
  };
  attributes.listAttributes.push(attribute);
  ctx.store.save();
  return attribute;
}

function attributeById(ctx: ApiContext, id: string, path: string): StoredListAttribute {
  const innerId = catalogPathId('listAttribute', id)[0];
  const found = attributesOf(ctx.store.state).listAttributes.find((a) => a.innerId === innerId);
  if (!found) throw notFound(path);
  return found;
}

export const listAttributeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/listAttributes',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'name']);
      const rows = attributesOf(ctx.store.state).listAttributes.filter(
        (a) => req.query.name === undefined || a.name === req.query.name,
      );
      return ok(
        renderCollection(rows, 'listAttributes', req.query, ctx.view, (a) =>
          renderListAttribute(a, ctx.view),
        ),
      );
    },
  },
  {
    method: 'GET',
    path: '/listAttributes/:id',
    handle: (req, [id = ''], ctx) => ok(renderListAttribute(attributeById(ctx, id, req.path), ctx.view)),
  },
  {
    method: 'POST',
    path: '/listAttributes',
    handle: (req, _p, ctx) => ok(renderListAttribute(createListAttribute(req.body, ctx), ctx.view), 201),
  },
  {
    method: 'GET',
    path: '/listAttributeValues',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'listAttributeId']);
      const attribute = idFilter(req.query, 'listAttributeId', 'listAttribute')?.[0];
      const attributes = attributesOf(ctx.store.state);
      const rows = attributes.values.filter(
        (v) => attribute === undefined || v.attributeInnerId === attribute,
      );
      return ok(
        renderCollection(rows, 'listAttributeValues', req.query, ctx.view, (v) =>
          renderListAttributeValue(attributes, v.valueId, ctx.view),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/listAttributeValues',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['listAttribute'], []);
      if (data.listAttribute === undefined) {
        throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: listAttribute');
      }
      const attributes = attributesOf(ctx.store.state);
      const attribute = linkedIds('listAttribute', 'listAttribute', data.listAttribute)[0];
      if (!attributes.listAttributes.some((a) => a.innerId === attribute)) {
        throw new ShoprenterError(
          'WRONG_RESOURCE_IDENTITY_IN_DATA',
          'Resource identity is wrong in data: listAttribute',
        );
      }
      const valueId = nextAttributeId(attributes, 'value');
      attributes.values.push({ valueId, attributeInnerId: attribute ?? 0 });
      ctx.store.save();
      return ok(renderListAttributeValue(attributes, valueId, ctx.view), 201);
    },
  },
  {
    method: 'GET',
    path: '/listAttributeValueDescriptions',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'listAttributeValueId', 'languageId']);
      const value = idFilter(req.query, 'listAttributeValueId', 'listAttributeValue')?.[1];
      const language = idFilter(req.query, 'languageId', 'language')?.[0];
      const attributes = attributesOf(ctx.store.state);
      const rows = attributes.valueDescriptions.filter(
        (d) =>
          (value === undefined || d.valueId === value) &&
          (language === undefined || d.languageInnerId === language),
      );
      return ok(
        renderCollection(rows, 'listAttributeValueDescriptions', req.query, ctx.view, (d) =>
          renderValueDescription(attributes, d, ctx.view),
        ),
      );
    },
  },
  {
    method: 'POST',
    path: '/listAttributeValueDescriptions',
    handle: (req, _p, ctx) => {
      const data = readWriteBody(req.body);
      assertWritableFields(data, ['name', 'language', 'listAttributeValue'], []);
      if (data.language === undefined || data.listAttributeValue === undefined) {
        throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: language, listAttributeValue');
      }
      const attributes = attributesOf(ctx.store.state);
      const valueId = existingValueId(attributes, 'listAttributeValue', data.listAttributeValue);
      // Only Hungarian is simulated (README.md): another language is a wrong identity.
      if (linkedIds('language', 'language', data.language)[0] !== HU_LANGUAGE) {
        throw new ShoprenterError(
          'WRONG_RESOURCE_IDENTITY_IN_DATA',
          'Resource identity is wrong in data: language',
        );
      }
      if (
        attributes.valueDescriptions.some((d) => d.valueId === valueId && d.languageInnerId === HU_LANGUAGE)
      ) {
        throw new ShoprenterError('RESOURCE_EXISTS', 'Resource exists!');
      }
      const description = {
        valueId,
        languageInnerId: HU_LANGUAGE,
        name: data.name === undefined ? '' : toText('name', data.name),
      };
      attributes.valueDescriptions.push(description);
      ctx.store.save();
      return ok(renderValueDescription(attributes, description, ctx.view), 201);
    },
  },
];
