import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { OrderFilter } from '../domain/order-filter.js';
import { presentOrder } from '../domain/present-order.js';
import { notFound } from '../errors.js';
import type { ApiDeps } from './api-deps.js';
import { parseInput } from './parse-input.js';
import { respond } from './respond.js';
import {
  booleanParam,
  commonQuerySchema,
  dateParam,
  dateTimeParam,
  intParam,
  pagingQuerySchema,
} from './query-schemas.js';

/** `GET /orders`, `/orders/count`, `/orders/{order_number}`, `PATCH /orders/{order_number}` (notes 2.2). */
const filterQuerySchema = commonQuerySchema.extend({
  start_date: dateParam.optional(),
  end_date: dateParam.optional(),
  archived: booleanParam.optional(),
  status_id: intParam.optional(),
  status_changed_start_date: dateTimeParam.optional(),
  status_changed_end_date: dateTimeParam.optional(),
  debtor_email: z.string().optional(),
  debtor_id: z.uuid().optional(),
  test: booleanParam.default(false),
  ordering: z.enum(['asc', 'desc']).default('asc'),
});
const listQuerySchema = filterQuerySchema.extend(pagingQuerySchema.shape);
const numberParamsSchema = z.object({ order_number: intParam });

/** OrderPatchable; query flags are accepted (stock rules for credit orders are not modelled). */
const patchBodySchema = z.strictObject({
  archived: z.boolean().optional(),
  status: z.number().int().optional(),
  comments: z.strictObject({ internal: z.string().optional() }).optional(),
  reference: z.string().optional(),
  offline_location_id: z.number().int().nullable().optional(),
});
const patchQuerySchema = commonQuerySchema.extend({
  override_minimum: booleanParam.optional(),
  override_stock: booleanParam.optional(),
  mutate_stock: booleanParam.optional(),
});

function toFilter(q: z.output<typeof filterQuerySchema>): OrderFilter {
  return {
    test: q.test,
    ...(q.start_date !== undefined && { startDate: q.start_date }),
    ...(q.end_date !== undefined && { endDate: q.end_date }),
    ...(q.archived !== undefined && { archived: q.archived }),
    ...(q.status_id !== undefined && { statusId: q.status_id }),
    ...(q.status_changed_start_date !== undefined && { statusChangedStart: q.status_changed_start_date }),
    ...(q.status_changed_end_date !== undefined && { statusChangedEnd: q.status_changed_end_date }),
    ...(q.debtor_email !== undefined && { debtorEmail: q.debtor_email }),
    ...(q.debtor_id !== undefined && { debtorId: q.debtor_id }),
  };
}

export function registerOrderRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const present = (o: Parameters<typeof presentOrder>[0]) => presentOrder(o, deps.options);

  app.get('/orders', async (request, reply) => {
    const q = parseInput(listQuerySchema, request.query, 'query');
    const page = deps.orders.list(toFilter(q), q.ordering).slice(q.offset, q.offset + q.limit);
    return respond(
      reply,
      q.format,
      'orders',
      page.map((s) => present(s.order)),
    );
  });

  app.get('/orders/count', async (request, reply) => {
    const q = parseInput(filterQuerySchema, request.query, 'query');
    return respond(reply, q.format, 'response', { count: deps.orders.list(toFilter(q), 'asc').length });
  });

  app.get('/orders/:order_number', async (request, reply) => {
    const q = parseInput(commonQuerySchema, request.query, 'query');
    const { order_number } = parseInput(numberParamsSchema, request.params, 'query');
    const stored = deps.orders.find(order_number);
    if (!stored) throw notFound('Order');
    return respond(reply, q.format, 'order', present(stored.order));
  });

  app.patch('/orders/:order_number', async (request, reply) => {
    const q = parseInput(patchQuerySchema, request.query, 'query');
    const { order_number } = parseInput(numberParamsSchema, request.params, 'query');
    const stored = deps.orders.find(order_number);
    if (!stored) throw notFound('Order');
    const body = parseInput(patchBodySchema, request.body ?? {}, 'body');
    const order = deps.orders.change(stored, {
      ...(body.status !== undefined && { status: body.status }),
      ...(body.archived !== undefined && { archived: body.archived }),
      ...(body.comments?.internal !== undefined && { internalComment: body.comments.internal }),
      ...(body.reference !== undefined && { reference: body.reference }),
    });
    return respond(reply, q.format, 'order', present(order));
  });
}
