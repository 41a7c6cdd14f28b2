import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { categoryView, createCategoryStore } from '../domain/category-store.js';
import { notFound } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { booleanParam, commonQuerySchema, intParam, pagingQuerySchema } from './query-schemas.js';
import { respond } from './respond.js';

/**
 * `/categories` (spec "Categories (Pages)"): list (`limit`/`offset`, or `as_tree=true` for the
 * ordered tree with `leafs`), read, create. README.md "Categories and images".
 * https://myonlinestore.github.io/public-api-docs/#tag/Categories-(Pages)
 */
const listQuerySchema = commonQuerySchema.extend(pagingQuerySchema.shape).extend({
  as_tree: booleanParam.default(false),
  max_depth: intParam.optional(),
});
const postBodySchema = z.strictObject({
  title: z.string().trim().min(1),
  parent_category_id: z.number().int().optional(),
  hidden: z.boolean().optional(),
  content: z.string().optional(),
  meta_title: z.string().optional(),
  meta_description: z.string().optional(),
  article_order: z.number().int().min(1).max(6).optional(),
  sorting: z.record(z.string(), z.unknown()).optional(),
});
const idParamsSchema = z.object({ category_id: intParam });

export function registerCategoryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const categories = createCategoryStore(deps.holder);

  app.get('/categories', async (request, reply) => {
    const q = parseInput(listQuerySchema, request.query, 'query');
    const all = categories.list();
    const body = q.as_tree
      ? all.filter((c) => c.parent_category_id === null).map((c) => categoryView(c, all, true))
      : all.slice(q.offset, q.offset + q.limit).map((c) => categoryView(c, all, false));
    return respond(reply, q.format, 'categories', body);
  });

  app.get('/categories/:category_id', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { category_id } = parseInput(idParamsSchema, request.params, 'query');
    const category = categories.find(category_id);
    if (!category) throw notFound('Category');
    return respond(reply, q.format, 'category', categoryView(category, [], false));
  });

  app.post('/categories', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { sorting: _sorting, ...body } = parseInput(postBodySchema, request.body ?? {}, 'body');
    return respond(reply, q.format, 'category', categoryView(categories.create(body), [], false));
  });
}
