import { appError, isAppError, PROBLEM_CONTENT_TYPE, toAppError, toProblemDetails } from '@koppel/errors';
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PAYMENT_STATUSES } from '../domain/assumptions.js';
import { createOrderInputSchema } from '../domain/order-input-schema.js';
import { orderIdOf } from '../domain/shop-store.js';
import { partnerSchema, shopSchema, stateSchema } from '../domain/state.js';
import type { RpcDeps } from './rpc-deps.js';

/** The control API (no auth; README "Control API"). Errors answer problem+json. */
const shopParams = z.object({ shop: z.string() });
const orderParams = shopParams.extend({ number: z.coerce.number().int() });
const productParams = shopParams.extend({ productId: z.string() });
const shopSettingsSchema = shopSchema
  .pick({ name: true, privateKey: true, orderPullEnabled: true, allowedIp: true, partners: true })
  .partial()
  .strict();
const productInputSchema = z.strictObject({
  product_id: z.string().min(1).optional(),
  sku: z.string().default(''),
  ean: z.string().default(''),
  name: z.string().min(1),
  stock: z.number().int().nullable().default(null),
});

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw appError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

export function registerControlRoutes(app: FastifyInstance, deps: RpcDeps): void {
  const { store, ctx } = deps;
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appErr = isAppError(error) ? error : toAppError(error);
    const status = isAppError(error) ? error.httpStatus : (error.statusCode ?? 500);
    return reply
      .code(status)
      .type(PROBLEM_CONTENT_TYPE)
      .send({ ...toProblemDetails(appErr, request.url), status });
  });
  const shopOf = (params: unknown) => store.requireShop(parse(shopParams, params).shop);
  const present = <T extends { shop: string; number: number }>(o: T) => ({ orderId: orderIdOf(o), ...o });

  app.post('/shops', async (request, reply) => {
    const shop = parse(shopSchema, request.body);
    if (store.findShop(shop.number)) throw appError('CONFLICT', 'shop exists', { field: 'number' });
    ctx.state.shops.push(shop);
    ctx.changed();
    return reply.code(201).send(shop);
  });
  app.patch('/shops/:shop', async (request) => {
    const shop = shopOf(request.params);
    Object.assign(shop, parse(shopSettingsSchema, request.body));
    ctx.changed();
    return shop;
  });
  app.post('/partners', async (request, reply) => {
    const partner = parse(partnerSchema, request.body);
    ctx.state.partners = [...ctx.state.partners.filter((p) => p.name !== partner.name), partner];
    ctx.changed();
    return reply.code(201).send(partner);
  });
  app.post('/shops/:shop/orders', async (request, reply) => {
    const order = store.createOrder(shopOf(request.params), parse(createOrderInputSchema, request.body));
    return reply.code(201).send(present(order));
  });
  app.patch('/shops/:shop/orders/:number', async (request) => {
    const { shop: shopNumber, number } = parse(orderParams, request.params);
    const shop = store.requireShop(shopNumber);
    const order = shop.orders.find((o) => o.number === number);
    if (!order) throw appError('NOT_FOUND', 'no such order', { field: 'number' });
    const body = parse(
      z.strictObject({
        status_id: z.number().int().optional(),
        payment_status: z.enum(PAYMENT_STATUSES).optional(),
      }),
      request.body,
    );
    return present(
      store.changeOrder(order, shop, {
        ...(body.status_id !== undefined && { statusId: body.status_id }),
        ...(body.payment_status !== undefined && { paymentStatus: body.payment_status }),
      }),
    );
  });
  app.post('/shops/:shop/statuses', async (request, reply) => {
    const { name } = parse(z.strictObject({ name: z.string().min(1) }), request.body);
    return reply.code(201).send(store.addStatus(shopOf(request.params), name));
  });
  app.post('/shops/:shop/products', async (request, reply) => {
    const input = parse(productInputSchema, request.body);
    const product = store.addProduct(shopOf(request.params), {
      productId: input.product_id,
      sku: input.sku,
      ean: input.ean,
      name: input.name,
      stock: input.stock,
    });
    return reply.code(201).send(product);
  });
  app.put('/shops/:shop/products/:productId/stock', async (request) => {
    const { productId } = parse(productParams, request.params);
    const product = store.findProduct(shopOf(request.params), { productId });
    if (!product) throw appError('NOT_FOUND', 'no such product', { field: 'productId' });
    store.setStock(
      product,
      parse(z.strictObject({ stock: z.number().int().nullable() }), request.body).stock,
    );
    return product;
  });
  app.post('/clock', async (request) => {
    const { advance_seconds } = parse(
      z.strictObject({ advance_seconds: z.number().int().positive() }),
      request.body,
    );
    deps.advanceClock(advance_seconds * 1000);
    return { now: ctx.now().toISOString() };
  });
  app.post('/reset', async () => {
    ctx.state = stateSchema.parse({ partners: deps.options.partners, shops: deps.options.shops });
    deps.rpcIds.clear();
    ctx.changed();
    return { reset: true };
  });
  app.get('/state', async () => ctx.state);
  app.put('/state', async (request) => {
    ctx.state = parse(stateSchema, request.body);
    ctx.changed();
    return ctx.state;
  });
}
