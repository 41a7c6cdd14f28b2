import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { parseDecimal } from '../domain/amounts.js';
import { finaliseDraft } from '../domain/document-store.js';
import type { Company, InnvoiceState } from '../domain/model.js';
import { InnvoiceSeedSchema } from '../domain/seed-schema.js';
import { stateFromSeed } from '../domain/state.js';

/**
 * `/_control/*`: not part of InnVoice's API. Seed, reset and dump the state, the API's own rate
 * limit, and the things a user does in InnVoice's UI (finalise a draft, mark paid, correct stock)
 * for which no API call is known. Plain JSON; 400 `{error, issues}` on bad input.
 */
export type SimulatorControl = {
  getState(): InnvoiceState;
  replaceState(next: InnvoiceState): void;
  reset(): void;
  apiRateLimiter: RateLimiter;
};

function parse<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.output<S> | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  void reply.code(400).send({ error: 'invalid control request', issues: parsed.error.issues });
  return undefined;
}

const RateLimitSchema = z.object({
  requests: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
});
const DocumentQuerySchema = z.object({
  kind: z.enum(['invoice', 'proforma']).optional(),
  draft: z.enum(['true', 'false']).optional(),
});
const StockSchema = z.object({ warehouseId: z.number().int().positive(), quantity: z.number() });
type CompanyParams = { Params: { company: string } };
type DocumentParams = { Params: { company: string; techid: string } };

export async function controlRoutes(app: FastifyInstance, options: { control: SimulatorControl }) {
  const { control } = options;
  const companyOr404 = (name: string, reply: FastifyReply): Company | undefined => {
    const company = control.getState().companies.find((c) => c.name === name);
    if (!company) void reply.code(404).send({ error: `company ${name} not found` });
    return company;
  };

  app.get('/state', async () => control.getState());
  app.post('/reset', async () => {
    control.reset();
    return { reset: true };
  });
  app.post('/seed', async (request, reply) => {
    const seed = parse(InnvoiceSeedSchema, request.body, reply);
    if (!seed) return reply;
    control.replaceState(stateFromSeed(seed));
    return { seeded: true, companies: seed.companies.map((c) => c.name) };
  });
  app.put('/rate-limit', async (request, reply) => {
    const body = parse(RateLimitSchema, request.body, reply);
    if (!body) return reply;
    control.apiRateLimiter.setLimit(
      body.requests === undefined
        ? undefined
        : { requests: body.requests, windowMs: body.windowMs ?? 60_000 },
    );
    return { limit: control.apiRateLimiter.limit() ?? null };
  });

  app.get<CompanyParams>('/companies/:company/documents', async (request, reply) => {
    const company = companyOr404(request.params.company, reply);
    const query = parse(DocumentQuerySchema, request.query, reply);
    if (!company || !query) return reply;
    const documents = company.documents.filter(
      (d) =>
        (query.kind === undefined || d.kind === query.kind) &&
        (query.draft === undefined || d.draft === (query.draft === 'true')),
    );
    return { documents };
  });
  app.get<CompanyParams>('/companies/:company/partners', async (request, reply) => {
    const company = companyOr404(request.params.company, reply);
    if (!company) return reply;
    return { partners: company.partners };
  });
  app.get<CompanyParams>('/companies/:company/products', async (request, reply) => {
    const company = companyOr404(request.params.company, reply);
    if (!company) return reply;
    return { products: company.products };
  });

  const documentOr404 = (params: DocumentParams['Params'], reply: FastifyReply) => {
    const company = companyOr404(params.company, reply);
    const doc = company?.documents.find((d) => d.techId === params.techid);
    if (company && !doc) void reply.code(404).send({ error: `document ${params.techid} not found` });
    return company && doc ? { company, doc } : undefined;
  };
  app.post<DocumentParams>('/companies/:company/documents/:techid/finalise', async (request, reply) => {
    const found = documentOr404(request.params, reply);
    if (!found) return reply;
    const result = finaliseDraft(found.company, found.doc);
    if (result === 'not-a-draft')
      return reply.code(409).send({ error: 'only a set-aside invoice can be finalised' });
    return { document: result };
  });
  app.post<DocumentParams>('/companies/:company/documents/:techid/paid', async (request, reply) => {
    const found = documentOr404(request.params, reply);
    if (!found) return reply;
    found.doc.paid = true;
    return { document: found.doc };
  });
  app.put<{ Params: { company: string; sku: string } }>(
    '/companies/:company/products/:sku/stock',
    async (request, reply) => {
      const company = companyOr404(request.params.company, reply);
      const body = parse(StockSchema, request.body, reply);
      if (!company || !body) return reply;
      const product = company.products.find((p) => p.sku === request.params.sku);
      if (!product) return reply.code(404).send({ error: `product ${request.params.sku} not found` });
      if (!company.warehouses.some((w) => w.id === body.warehouseId))
        return reply.code(400).send({ error: `warehouse ${body.warehouseId} not found` });
      const quantity = parseDecimal(String(body.quantity), 3);
      if (quantity === undefined) return reply.code(400).send({ error: 'quantity: at most 3 decimals' });
      const entry = product.stock.find((s) => s.warehouseId === body.warehouseId);
      if (entry) entry.quantity = quantity;
      else product.stock.push({ warehouseId: body.warehouseId, quantity });
      return { sku: product.sku, stock: product.stock };
    },
  );
}
