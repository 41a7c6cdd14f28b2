import type { RateLimiter } from '@koppel/sim-kit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { TokenService } from '../auth/token-service.js';
import { ASSUMPTIONS } from '../domain/assumptions.js';
import { nextRecId } from '../domain/company-rows.js';
import { createDebtor } from '../domain/create-debtor.js';
import { nowLocal } from '../domain/field-values.js';
import type { CompanyState, Row, TableName } from '../domain/model.js';
import { clientSeedSchema, companySeedSchema, createCompany } from '../domain/seed.js';
import { refreshArticleStock, setStock } from '../domain/stock.js';
import type { Store } from '../domain/store.js';
import {
  articlesBodySchema,
  codeRequestSchema,
  rateLimitBodySchema,
  rowsBodySchema,
  stockBodySchema,
  vatBodySchema,
} from './control-schemas.js';

/** The simulator's own control API (no auth): seed, inspect, reset. Documented in the README. */
export function registerControlRoutes(
  app: FastifyInstance,
  deps: {
    store: Store;
    tokens: TokenService;
    clock: () => Date;
    limiter: RateLimiter;
    reset: () => void;
  },
): void {
  const { store, tokens, clock, limiter } = deps;
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
  /** `default` names the first company, so seeding scripts need not know the GUID. */
  const resolve = (id: string) => (id === 'default' ? store.state().companies[0]?.Id : store.company(id)?.Id);
  const withCompany = <T>(id: string, reply: FastifyReply, change: (c: CompanyState) => T): T | undefined => {
    const companyId = resolve(id);
    if (!companyId) {
      void reply.code(404).send({ error: `company ${id} not found` });
      return undefined;
    }
    return store.mutateCompany(companyId, change);
  };
  const upsert = (company: CompanyState, table: TableName, key: string, rows: Row[]): Row[] =>
    rows.map((row) => {
      const existing = company.tables[table].find((r) => r[key] === row[key]);
      if (existing) return Object.assign(existing, row);
      const created = { REC_ID: nextRecId(company), ...row };
      company.tables[table].push(created);
      return created;
    });

  app.post('/_control/reset', async () => {
    deps.reset();
    return { reset: true };
  });
  app.put('/_control/rate-limit', async (request, reply) => {
    const body = parse(rateLimitBodySchema, request.body, reply);
    if (!body) return reply;
    limiter.setLimit(
      body.requests === undefined ? undefined : { requests: body.requests, windowMs: body.windowMs },
    );
    return { limit: limiter.limit() ?? null };
  });
  app.get('/_control/state', async () => store.state());

  app.post('/_control/companies', async (request, reply) => {
    const seed = parse(companySeedSchema, request.body, reply);
    if (!seed) return reply;
    if (store.company(seed.Id)) return reply.code(409).send({ error: `company ${seed.Id} exists` });
    store.mutate((s) => s.companies.push(createCompany(seed)));
    return reply.code(201).send(seed);
  });
  app.post('/_control/clients', async (request, reply) => {
    const client = parse(clientSeedSchema, request.body, reply);
    if (!client) return reply;
    store.mutate((s) => {
      s.auth.clients = [...s.auth.clients.filter((c) => c.clientId !== client.clientId), client];
    });
    return reply.code(201).send({ clientId: client.clientId });
  });
  app.post('/_control/authorization-codes', async (request, reply) => {
    const body = parse(codeRequestSchema, request.body, reply);
    if (!body) return reply;
    const client = store.state().auth.clients.find((c) => c.clientId === body.clientId);
    const redirectUri = body.redirectUri ?? client?.redirectUris[0] ?? '';
    const code = tokens.createCode(body.clientId, redirectUri, body.scopes ?? [...ASSUMPTIONS.scopes]);
    return reply.code(201).send({ code, redirectUri });
  });
  app.post('/_control/tokens/expire', async () => ({ expired: tokens.expireAccessTokens() }));

  const prefix = '/_control/companies/:companyId';
  type Params = { Params: { companyId: string } };
  app.post<Params>(`${prefix}/debtors`, async (request, reply) => {
    const body = parse(rowsBodySchema, request.body, reply);
    if (!body) return reply;
    const created = withCompany(request.params.companyId, reply, (c) =>
      body.rows.map((r) => createDebtor(c, r, clock())),
    );
    return created && reply.code(201).send({ CONTACT: created });
  });
  app.post<Params>(`${prefix}/articles`, async (request, reply) => {
    const body = parse(articlesBodySchema, request.body, reply);
    if (!body) return reply;
    const rows = withCompany(request.params.companyId, reply, (c) => {
      const stamped = body.rows.map((r) => ({
        QTY_AVAIL: '0',
        QTY_TECH: '0',
        ...r,
        CNG_DATE: r.CNG_DATE ?? nowLocal(clock()),
      }));
      const result = upsert(c, 'ARTICLE', 'ART_CODE', stamped);
      for (const r of result) refreshArticleStock(c, String(r.ART_CODE));
      return result;
    });
    return rows && reply.code(201).send({ ARTICLE: rows });
  });
  app.put<Params>(`${prefix}/stock`, async (request, reply) => {
    const body = parse(stockBodySchema, request.body, reply);
    if (!body) return reply;
    const result = withCompany(request.params.companyId, reply, (c) => {
      const missing = body.rows.find((r) => !c.tables.ARTICLE.some((a) => a.ART_CODE === r.artCode));
      if (missing) return { error: `article ${missing.artCode} does not exist` };
      for (const r of body.rows) {
        setStock(c, r.artCode, r.warehouse ?? ASSUMPTIONS.defaultWarehouse, r.quantity);
        const article = c.tables.ARTICLE.find((a) => a.ART_CODE === r.artCode);
        if (article) article.CNG_DATE = nowLocal(clock());
      }
      return { stock: c.stock };
    });
    if (result && 'error' in result) return reply.code(400).send(result);
    return result;
  });
  app.post<Params>(`${prefix}/vat-codes`, async (request, reply) => {
    const body = parse(vatBodySchema, request.body, reply);
    if (!body) return reply;
    const rows = withCompany(request.params.companyId, reply, (c) => upsert(c, 'VAT', 'VAT_CODE', body.rows));
    return rows && reply.code(201).send({ VAT: rows });
  });
  app.post<Params>(`${prefix}/daybooks`, async (request, reply) => {
    const body = parse(rowsBodySchema, request.body, reply);
    if (!body) return reply;
    const rows = withCompany(request.params.companyId, reply, (c) =>
      upsert(c, 'DAILY', 'DJ_CODE', body.rows),
    );
    return rows && reply.code(201).send({ DAILY: rows });
  });
  app.post<Params>(`${prefix}/article-groups`, async (request, reply) => {
    const body = parse(rowsBodySchema, request.body, reply);
    if (!body) return reply;
    const rows = withCompany(request.params.companyId, reply, (c) =>
      upsert(c, 'ART_GRP', 'AG_CODE', body.rows),
    );
    return rows && reply.code(201).send({ ART_GRP: rows });
  });
  const read =
    (tables: TableName[]) => async (request: { params: { companyId: string } }, reply: FastifyReply) => {
      const id = resolve(request.params.companyId);
      const company = id ? store.company(id) : undefined;
      if (!company) return reply.code(404).send({ error: `company ${request.params.companyId} not found` });
      return Object.fromEntries(tables.map((t) => [t, company.tables[t]]));
    };
  app.get<Params>(`${prefix}/debtors`, read(['CONTACT', 'DEL_ADDR']));
  app.get<Params>(`${prefix}/sales-orders`, read(['SO_HDR', 'SO_LINE']));
  app.get<Params>(`${prefix}/invoices`, read(['DJ_PAGE', 'DJ_LINE']));
  app.get<Params>(`${prefix}/articles`, read(['ARTICLE']));
}
