import { appError, isAppError, PROBLEM_CONTENT_TYPE, toAppError, toProblemDetails } from '@koppel/errors';
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createArticleInputSchema } from '../domain/article-input-schema.js';
import { createArticleListStore } from '../domain/article-list-store.js';
import { createInitialState } from '../domain/initial-state.js';
import { createOrderInputSchema } from '../domain/order-input-schema.js';
import { PAYMENT_STATUSES } from '../domain/order-schema.js';
import { presentOrder } from '../domain/present-order.js';
import { orderStatusSchema, stateSchema, storeTokenSchema } from '../domain/state.js';
import type { ApiDeps } from './api-deps.js';

/** The simulator's control API (no auth; see README "Control API"). Answers problem+json. */
const numberParams = z.object({ number: z.coerce.number().int() });
const idParams = z.object({ id: z.coerce.number().int() });
const changeOrderSchema = z.strictObject({
  status: z.number().int().optional(),
  payment_status: z.enum(PAYMENT_STATUSES).optional(),
  archived: z.boolean().optional(),
  internal_comment: z.string().optional(),
});
const stockSchema = z.strictObject({
  stock: z.number().int().nullable(),
  variant_id: z.number().int().optional(),
});

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw appError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

const articleListSeedSchema = z.strictObject({
  name: z.string().trim().min(1),
  description: z.string().optional(),
  options: z
    .array(z.strictObject({ name: z.string().trim().min(1), price: z.string().optional() }))
    .default([]),
});

export function registerControlRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { holder, orders, articles, options } = deps;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appErr = isAppError(error) ? error : toAppError(error);
    const status = isAppError(error) ? error.httpStatus : (error.statusCode ?? 500);
    const problem = toProblemDetails(appErr, request.url);
    return reply
      .code(status)
      .type(PROBLEM_CONTENT_TYPE)
      .send({ ...problem, status });
  });
  const present = (o: Parameters<typeof presentOrder>[0]) => presentOrder(o, options);
  const findOrder = (params: unknown) => {
    const stored = orders.find(parse(numberParams, params).number);
    if (!stored) throw appError('NOT_FOUND', 'no such order', { field: 'number' });
    return stored;
  };

  app.post('/orders', async (request, reply) => {
    const order = orders.create(parse(createOrderInputSchema, request.body));
    return reply.code(201).send(present(order));
  });
  app.patch('/orders/:number', async (request) => {
    const body = parse(changeOrderSchema, request.body ?? {});
    const order = orders.change(findOrder(request.params), {
      ...(body.status !== undefined && { status: body.status }),
      ...(body.payment_status !== undefined && { paymentStatus: body.payment_status }),
      ...(body.archived !== undefined && { archived: body.archived }),
      ...(body.internal_comment !== undefined && { internalComment: body.internal_comment }),
    });
    return present(order);
  });
  app.post('/articles', async (request, reply) => {
    return reply.code(201).send(articles.create(parse(createArticleInputSchema, request.body)));
  });
  // The merchant's back office: a store article list with its options (the API cannot create lists).
  app.post('/articlelists', async (request, reply) => {
    const body = parse(articleListSeedSchema, request.body);
    return reply.code(201).send(createArticleListStore(holder).create(body));
  });
  app.put('/articles/:id/stock', async (request) => {
    const stored = articles.find({ id: parse(idParams, request.params).id });
    if (!stored) throw appError('NOT_FOUND', 'no such article', { field: 'id' });
    const body = parse(stockSchema, request.body);
    const patch =
      body.variant_id === undefined
        ? { stock: body.stock }
        : { variants: [{ id: body.variant_id, stock: body.stock }] };
    return articles.patch(stored, patch);
  });
  app.post('/tokens', async (request, reply) => {
    const token = parse(storeTokenSchema, request.body);
    holder.state.tokens = [...holder.state.tokens.filter((t) => t.token !== token.token), token];
    holder.changed();
    return reply.code(201).send(token);
  });
  app.put('/order-statuses', async (request) => {
    holder.state.statuses = parse(z.array(orderStatusSchema).min(1), request.body);
    holder.changed();
    return holder.state.statuses;
  });
  app.post('/reset', async () => {
    holder.state = createInitialState({ tokens: options.tokens, firstOrderNumber: options.firstOrderNumber });
    deps.rateLimiter.setLimit(deps.rateLimiter.limit());
    holder.changed();
    return { reset: true };
  });
  app.get('/state', async () => holder.state);
  app.put('/state', async (request) => {
    holder.state = parse(stateSchema, request.body);
    holder.changed();
    return holder.state;
  });
}
