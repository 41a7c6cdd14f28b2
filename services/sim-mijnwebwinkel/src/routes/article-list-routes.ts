import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createArticleListStore } from '../domain/article-list-store.js';
import { notFound } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { commonQuerySchema, intParam } from './query-schemas.js';
import { respond } from './respond.js';

/**
 * Article lists (spec tags ArticleLists, ArticleListOptions): `GET /articlelists/{id}` reads a
 * store list with its options; `POST /articlelistoptions/{articlelist_id}` adds options (an array
 * of `ArticleListOption`, `name` and `price`) and `DELETE` removes them by name (an array of
 * names); both answer the list. The spec has no call that lists all lists or creates one: the
 * merchant makes them in the back office (here `POST /_control/articlelists`). README.md
 * "Article lists and variants". https://myonlinestore.github.io/public-api-docs/#tag/ArticleLists
 */
const listParamsSchema = z.object({ id: intParam });
const optionParamsSchema = z.object({ articlelist_id: intParam });
const price = z.string().regex(/^\d+(\.\d{1,2})?$/, 'decimal string with at most 2 decimals');
const newOptionsSchema = z
  .array(
    z.strictObject({
      id: z.number().int().optional(),
      name: z.string().trim().min(1),
      price: price.optional(),
    }),
  )
  .min(1);
const namesSchema = z.array(z.string()).min(1);

export function registerArticleListRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const lists = createArticleListStore(deps.holder);
  const listOf = (id: number) => {
    const list = lists.find(id);
    if (!list) throw notFound('ArticleList');
    return list;
  };

  app.get('/articlelists/:id', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { id } = parseInput(listParamsSchema, request.params, 'query');
    return respond(reply, q.format, 'articlelist', listOf(id));
  });

  app.post('/articlelistoptions/:articlelist_id', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { articlelist_id } = parseInput(optionParamsSchema, request.params, 'query');
    const list = listOf(articlelist_id);
    const options = parseInput(newOptionsSchema, request.body ?? [], 'body');
    return respond(reply, q.format, 'articlelist', lists.addOptions(list, options));
  });

  app.delete('/articlelistoptions/:articlelist_id', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { articlelist_id } = parseInput(optionParamsSchema, request.params, 'query');
    const list = listOf(articlelist_id);
    return respond(
      reply,
      q.format,
      'articlelist',
      lists.removeOptions(list, parseInput(namesSchema, request.body ?? [], 'body')),
    );
  });
}
