import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createOrder, orderString } from '../domain/create-order.js';
import type { Store } from '../domain/store.js';
import { orderSchema } from '../soap/request-schemas.js';

/** JSON leaves as fast-xml-parser hands SOAP leaves over (strings), so one schema checks both. */
function asXmlLeaves(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) return value.map(asXmlLeaves);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlLeaves(v)]));
  return value;
}

const tillOrderBodySchema = z.object({ order: z.record(z.string(), z.unknown()) });

/**
 * `POST /_control/till-orders`: an order taken at the till (not through the API), so tests and
 * the sandbox can make the orders `getOrders` reports. The body is `{order}` shaped like
 * createOrder's `Order` in JSON (`lineList: {line: [...]}`, cents incl. VAT); the same business
 * rules apply, and the order gets the next sync marker. Answers 201 `{orderId, orderString,
 * syncMarker}`, 400 for a malformed body, 422 `{error}` for a refused order.
 */
export function registerTillOrderRoute(app: FastifyInstance, deps: { store: Store; now: () => Date }): void {
  app.post('/_control/till-orders', async (request, reply) => {
    const body = tillOrderBodySchema.safeParse(request.body ?? {});
    const order = body.success ? orderSchema.safeParse(asXmlLeaves(body.data.order)) : undefined;
    if (!body.success || !order?.success) {
      const issues = body.success ? order?.error?.issues : body.error.issues;
      return reply.code(400).send({ error: 'invalid till order', issues });
    }
    const outcome = deps.store.mutate((s) => createOrder(s, order.data, 'till', deps.now()));
    if (!outcome.ok) return reply.code(422).send({ error: outcome.errorMessage });
    return reply.code(201).send({
      orderId: outcome.order.orderId,
      orderString: orderString(outcome.order),
      syncMarker: outcome.order.syncMarker,
    });
  });
}
