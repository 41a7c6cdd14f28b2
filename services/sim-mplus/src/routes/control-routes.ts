import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { createRelation } from '../domain/relations.js';
import { fromDecimalText } from '../domain/quantity.js';
import { stockEntry } from '../domain/catalog.js';
import { mutateStock } from '../domain/stock.js';
import type { Store } from '../domain/store.js';
import { type RelationInput, relationSchema } from '../soap/request-schemas.js';
import {
  branchesBodySchema,
  deliveryMethodsBodySchema,
  employeesBodySchema,
  productsBodySchema,
  rateLimitBodySchema,
  relationsBodySchema,
  stockBodySchema,
  vatGroupsBodySchema,
} from './control-schemas.js';
import { registerTillOrderRoute } from './till-order-routes.js';

/** The simulator's own control API (no auth): seed, inspect, reset. Documented in the README. */
export function registerControlRoutes(
  app: FastifyInstance,
  deps: { store: Store; now: () => Date; reset: () => void; rateLimiter: RateLimiter },
): void {
  const { store, now } = deps;
  const parse = <S extends z.ZodType>(
    schema: S,
    body: unknown,
    reply: FastifyReply,
  ): z.infer<S> | undefined => {
    const result = schema.safeParse(body ?? {});
    if (result.success) return result.data;
    void reply.code(400).send({ error: 'invalid control request', issues: result.error.issues });
    return undefined;
  };

  app.post('/_control/reset', async () => {
    deps.reset();
    return { reset: true };
  });
  app.get('/_control/state', async () => store.state());
  // The API's own limit (default ASSUMPTIONS.rateLimit); `{}` removes it. `/_sim/rate-limit` is the kit's extra one.
  app.put('/_control/rate-limit', async (request, reply) => {
    const body = parse(rateLimitBodySchema, request.body, reply);
    if (!body) return reply;
    deps.rateLimiter.setLimit(
      body.requests === undefined ? undefined : { requests: body.requests, windowMs: body.windowMs },
    );
    return { limit: deps.rateLimiter.limit() ?? null };
  });
  app.get('/_control/orders', async () => ({ orders: store.state().orders }));
  app.get('/_control/invoices', async () => ({ invoices: store.state().invoices ?? [] }));
  app.get('/_control/relations', async () => ({ relations: store.state().relations }));
  registerTillOrderRoute(app, { store, now });

  app.post('/_control/relations', async (request, reply) => {
    const body = parse(relationsBodySchema, request.body, reply);
    if (!body) return reply;
    // Values go through the SOAP Relation schema, so seeded relations obey the same types.
    const inputs: RelationInput[] = [];
    for (const r of body.relations) {
      const parsed = relationSchema.safeParse(
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)])),
      );
      if (!parsed.success)
        return reply.code(400).send({ error: 'invalid relation', issues: parsed.error.issues });
      inputs.push(parsed.data);
    }
    const results = store.mutate((s) => inputs.map((r) => createRelation(s, r, now())));
    const failed = results.find((r) => r.result !== 'CREATE-RELATION-RESULT-OK');
    if (failed && 'errorMessage' in failed) return reply.code(400).send({ error: failed.errorMessage });
    return reply.code(201).send({ relations: results.flatMap((r) => ('relation' in r ? [r.relation] : [])) });
  });

  app.post('/_control/products', async (request, reply) => {
    const body = parse(productsBodySchema, request.body, reply);
    if (!body) return reply;
    const products = store.mutate((s) =>
      body.products.map((input) => {
        const productNumber =
          input.productNumber ?? Math.max(0, ...s.products.map((p) => p.productNumber)) + 1;
        s.counters.syncMarker += 1;
        const product = {
          ...input,
          productNumber,
          changeTimestamp: now().toISOString(),
          syncMarker: s.counters.syncMarker,
        };
        s.products = [...s.products.filter((p) => p.productNumber !== productNumber), product];
        return product;
      }),
    );
    return reply.code(201).send({ products });
  });

  app.put('/_control/stock', async (request, reply) => {
    const body = parse(stockBodySchema, request.body, reply);
    if (!body) return reply;
    const state = store.state();
    const unknown = body.rows.find((r) => !state.branches.some((b) => b.branchNumber === r.branchNumber));
    if (unknown) return reply.code(400).send({ error: `branch ${unknown.branchNumber} does not exist` });
    const entries = store.mutate((s) =>
      body.rows.map((r) => {
        const qty = Number(fromDecimalText(r.quantity));
        const entry = mutateStock(
          s,
          r.branchNumber,
          r.articleNumber,
          r.mode === 'set' ? { set: qty } : { add: qty },
          now(),
        );
        if (r.incoming !== undefined)
          stockEntry(s, r.branchNumber, r.articleNumber, now()).incoming = Number(
            fromDecimalText(r.incoming),
          );
        return { branchNumber: r.branchNumber, articleNumber: r.articleNumber, ...entry };
      }),
    );
    return { stock: entries };
  });

  const replace = <S extends z.ZodType>(path: string, schema: S, apply: (body: z.infer<S>) => void) =>
    app.put(path, async (request, reply) => {
      const body = parse(schema, request.body, reply);
      if (!body) return reply;
      apply(body);
      return store.state();
    });
  replace('/_control/vat-groups', vatGroupsBodySchema, (b) =>
    store.mutate((s) => {
      s.vatGroups = b.vatGroups;
    }),
  );
  replace('/_control/delivery-methods', deliveryMethodsBodySchema, (b) =>
    store.mutate((s) => {
      s.deliveryMethods = b.deliveryMethods;
    }),
  );
  replace('/_control/branches', branchesBodySchema, (b) =>
    store.mutate((s) => {
      s.branches = [
        ...s.branches.filter((x) => !b.branches.some((y) => y.branchNumber === x.branchNumber)),
        ...b.branches,
      ];
    }),
  );
  replace('/_control/employees', employeesBodySchema, (b) =>
    store.mutate((s) => {
      const kept = s.employees.filter((x) => !b.employees.some((y) => y.employeeNumber === x.employeeNumber));
      s.employees = [...kept, ...b.employees];
    }),
  );
}
