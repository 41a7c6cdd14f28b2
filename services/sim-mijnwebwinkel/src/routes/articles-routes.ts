import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createArticleInputSchema, patchArticleInputSchema } from '../domain/article-input-schema.js';
import { notFound } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import {
  booleanParam,
  commonQuerySchema,
  dateTimeParam,
  intArrayParam,
  intParam,
  pagingQuerySchema,
  stringArrayParam,
} from './query-schemas.js';
import { respond } from './respond.js';

/** `/articles` list/count/read/create/patch/delete (notes 2.4). Stock is set by PATCH `stock` or
 * `variants[].stock`; there is no dedicated stock endpoint and no `sku` filter. */
const filterQuerySchema = commonQuerySchema.extend({
  created_start_date: dateTimeParam.optional(),
  created_end_date: dateTimeParam.optional(),
  changed_start_date: dateTimeParam.optional(),
  changed_end_date: dateTimeParam.optional(),
  'ids[]': intArrayParam.optional(),
  ids: intArrayParam.optional(),
  'uuids[]': stringArrayParam.optional(),
  uuids: stringArrayParam.optional(),
});
const listQuerySchema = filterQuerySchema.extend(pagingQuerySchema.shape);
const itemQuerySchema = commonQuerySchema.extend({ use_url_id: booleanParam.default(false) });
const idParamsSchema = z.object({ article_id: intParam });

function toFilter(q: z.output<typeof filterQuerySchema>) {
  const ids = q['ids[]'] ?? q.ids;
  const uuids = q['uuids[]'] ?? q.uuids;
  return {
    ...(q.created_start_date !== undefined && { createdStart: q.created_start_date }),
    ...(q.created_end_date !== undefined && { createdEnd: q.created_end_date }),
    ...(q.changed_start_date !== undefined && { changedStart: q.changed_start_date }),
    ...(q.changed_end_date !== undefined && { changedEnd: q.changed_end_date }),
    ...(ids !== undefined && { ids }),
    ...(uuids !== undefined && { uuids }),
  };
}

export function registerArticleRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const findArticle = (params: unknown, query: { use_url_id: boolean }) => {
    const { article_id } = parseInput(idParamsSchema, params, 'query');
    const stored = deps.articles.find(query.use_url_id ? { urlId: article_id } : { id: article_id });
    if (!stored) throw notFound('Article');
    return stored;
  };

  app.get('/articles', async (request, reply) => {
    const q = parseInput(listQuerySchema, request.query, 'query');
    const page = deps.articles.list(toFilter(q)).slice(q.offset, q.offset + q.limit);
    return respond(reply, q.format, 'articles', page);
  });

  app.get('/articles/count', async (request, reply) => {
    const q = parseInput(filterQuerySchema, request.query, 'query');
    return respond(reply, q.format, 'response', { count: deps.articles.list(toFilter(q)).length });
  });

  app.get('/articles/:article_id', async (request, reply) => {
    const q = parseInput(itemQuerySchema, request.query, 'query');
    return respond(reply, q.format, 'article', findArticle(request.params, q).article);
  });

  app.post('/articles', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const body = parseInput(createArticleInputSchema, request.body ?? {}, 'body');
    reply.code(201);
    return respond(reply, q.format, 'article', deps.articles.create(body));
  });

  app.patch('/articles/:article_id', async (request, reply) => {
    const q = parseInput(itemQuerySchema, request.query, 'query');
    const stored = findArticle(request.params, q);
    const body = parseInput(patchArticleInputSchema, request.body ?? {}, 'body');
    return respond(reply, q.format, 'article', deps.articles.patch(stored, body));
  });

  app.delete('/articles/:article_id', async (request, reply) => {
    const q = parseInput(itemQuerySchema, request.query, 'query');
    deps.articles.remove(findArticle(request.params, q));
    return reply.code(204).send();
  });
}
