/**
 * Categories (sr-api-docs `api/category.md`, `api/category_extend.md`, `api/category_description.md`,
 * `development/api-examples/04_attach_product_to_category.md`): `/categories` and
 * `/categoryExtend` (the category with its descriptions embedded; POST creates one with them),
 * `/categoryDescriptions` read-only here. One language (hu). README.md "Catalogue".
 */
import { catalogIdParam, catalogPathId, linkedId } from '../domain/catalog-ids.js';
import { catalogOf, nextCatalogId, type StoredCategory } from '../domain/catalog-state.js';
import { ShoprenterError } from '../errors.js';
import { HU_LANGUAGE, renderCategory, renderCategoryDescription } from '../views/catalog-views.js';
import { type ApiContext, type ApiRoute, ok } from './api-types.js';
import { renderCollection } from './collection.js';
import { assertAllowedParams, intParam, notFound, pagingParams } from './query-params.js';
import { assertWritableFields, readWriteBody, toInt, toText } from './write-body.js';

function categoryById(ctx: ApiContext, id: string, path: string): StoredCategory {
  const innerId = catalogPathId('category', id)[0];
  const category = catalogOf(ctx.store.state).categories.find((c) => c.innerId === innerId);
  if (!category) throw notFound(path);
  return category;
}

/** The hu name among `categoryDescriptions` (required, `*` in category_extend data.json). */
function nameOf(value: unknown): string {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ShoprenterError('FIELDS_REQUIRED', 'Fields are required: categoryDescriptions');
  }
  for (const row of value as Record<string, unknown>[]) {
    assertWritableFields(
      row ?? {},
      ['name', 'metaKeywords', 'metaDescription', 'description', 'language'],
      [],
    );
    if (linkedId('language', 'categoryDescriptions.language', row.language) !== HU_LANGUAGE) {
      throw new ShoprenterError(
        'WRONG_RESOURCE_IDENTITY_IN_DATA',
        'Resource identity is wrong in data: language',
      );
    }
  }
  const name = toText('categoryDescriptions.name', (value[0] as Record<string, unknown>).name ?? '');
  if (name.trim() === '') throw new ShoprenterError('WRONG_DATA', 'Wrong data! name is empty.');
  return name;
}

function createCategory(body: unknown, ctx: ApiContext): StoredCategory {
  const data = readWriteBody(body);
  assertWritableFields(
    data,
    ['picture', 'sortOrder', 'status', 'productsStatus', 'parentCategory', 'categoryDescriptions'],
    ['innerId', 'dateCreated', 'dateUpdated'],
  );
  const catalog = catalogOf(ctx.store.state);
  const parentInnerId =
    data.parentCategory == null ? null : linkedId('category', 'parentCategory', data.parentCategory);
  if (parentInnerId !== null && !catalog.categories.some((c) => c.innerId === parentInnerId)) {
    throw new ShoprenterError(
      'WRONG_RESOURCE_IDENTITY_IN_DATA',
      'Resource identity is wrong in data: parentCategory',
    );
  }
  const now = ctx.now();
  const category: StoredCategory = {
    innerId: 0,
    parentInnerId,
    name: nameOf(data.categoryDescriptions),
    status: data.status === undefined ? 1 : toInt('status', data.status),
    sortOrder: data.sortOrder === undefined ? 0 : toInt('sortOrder', data.sortOrder),
    picture: data.picture === undefined ? '' : toText('picture', data.picture),
    dateCreated: now,
    dateUpdated: now,
  };
  category.innerId = nextCatalogId(catalog, 'category');
  catalog.categories.push(category);
  ctx.store.save();
  return category;
}

const collection = (resource: 'categories' | 'categoryExtend'): ApiRoute => ({
  method: 'GET',
  path: `/${resource}`,
  handle: (req, _p, ctx) => {
    assertAllowedParams(req.query, [...pagingParams, 'innerId']);
    const innerId = intParam(req.query, 'innerId');
    const rows = catalogOf(ctx.store.state)
      .categories.filter((c) => innerId === undefined || c.innerId === innerId)
      .sort((a, b) => a.innerId - b.innerId);
    const extend = resource === 'categoryExtend';
    return ok(
      renderCollection(rows, resource, req.query, ctx.view, (c) => renderCategory(c, ctx.view, extend)),
    );
  },
});

export const categoryRoutes: ApiRoute[] = [
  collection('categories'),
  collection('categoryExtend'),
  {
    method: 'GET',
    path: '/categories/:id',
    handle: (req, [id = ''], ctx) => ok(renderCategory(categoryById(ctx, id, req.path), ctx.view)),
  },
  {
    method: 'GET',
    path: '/categoryExtend/:id',
    handle: (req, [id = ''], ctx) => ok(renderCategory(categoryById(ctx, id, req.path), ctx.view, true)),
  },
  {
    method: 'POST',
    path: '/categoryExtend',
    handle: (req, _p, ctx) => ok(renderCategory(createCategory(req.body, ctx), ctx.view, true), 201),
  },
  {
    method: 'GET',
    path: '/categoryDescriptions',
    handle: (req, _p, ctx) => {
      assertAllowedParams(req.query, [...pagingParams, 'categoryId', 'languageId', 'name']);
      const categoryId = catalogIdParam(req.query, 'categoryId', 'category');
      const rows = catalogOf(ctx.store.state).categories.filter(
        (c) =>
          (categoryId === undefined || c.innerId === categoryId) &&
          (req.query.name === undefined || c.name === req.query.name),
      );
      return ok(
        renderCollection(rows, 'categoryDescriptions', req.query, ctx.view, (c) =>
          renderCategoryDescription(c, ctx.view),
        ),
      );
    },
  },
];
