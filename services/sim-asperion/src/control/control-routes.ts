import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { baseUrl } from '../api/envelope.js';
import { debtorToWire, salesInvoiceToWire } from '../api/serializers.js';
import {
  AdministrationSeedSchema,
  AsperionSeedSchema,
  ClientSeedSchema,
  UserSeedSchema,
} from '../domain/seed-schema.js';
import { type AsperionState, stateFromSeed } from '../domain/state.js';
import type { SimulatorControl } from './simulator-control.js';

/**
 * `/_control/*`: seed, reset, dump, clients, users, tokens, stock and demo listings. Not part of
 * Asperion's API; answers plain JSON and 400 `{error, issues}` on bad input.
 */
function parse<S extends z.ZodType>(schema: S, body: unknown, reply: FastifyReply): z.output<S> | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  reply.code(400).send({ error: 'invalid control request', issues: parsed.error.issues });
  return undefined;
}

const AdministrationQuerySchema = z.object({
  administrationId: z.coerce.number().int().positive().optional(),
});
const StockSchema = z.object({ currentStock: z.number(), reservedStock: z.number().optional() });
const RefreshTokenSchema = z.object({ clientId: z.string().optional(), userId: z.string().optional() });
const RateLimitSchema = z.object({
  requests: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
});
const AddAdministrationSchema = AdministrationSeedSchema.extend({
  grantToUserIds: z.array(z.string()).default([]),
});

export async function controlRoutes(app: FastifyInstance, options: { control: SimulatorControl }) {
  const { control } = options;
  const state = (): AsperionState => control.getState();
  const administration = (request: FastifyRequest, reply: FastifyReply) => {
    const query = parse(AdministrationQuerySchema, request.query, reply);
    if (!query) return undefined;
    const id = query.administrationId ?? state().users[0]?.defaultAdministrationId;
    const data = state().administrations.find((a) => a.administration.id === id);
    if (!data) reply.code(404).send({ error: `administration ${id} not found` });
    return data;
  };

  app.get('/state', async () => state());
  app.post('/reset', async () => {
    control.reset();
    return { reset: true };
  });
  app.post('/seed', async (request, reply) => {
    const seed = parse(AsperionSeedSchema, request.body, reply);
    if (!seed) return reply;
    try {
      control.replaceState(stateFromSeed(seed, control.now()));
    } catch (error) {
      return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
    }
    return { seeded: true, administrations: seed.administrations.map((a) => a.id) };
  });
  app.post('/administrations', async (request, reply) => {
    const body = parse(AddAdministrationSchema, request.body, reply);
    if (!body) return reply;
    const { grantToUserIds, ...seed } = body;
    const fresh = stateFromSeed({ administrations: [seed], users: [], clients: [] }, control.now())
      .administrations[0];
    if (!fresh) return reply.code(500).send({ error: 'seeding failed' });
    const s = state();
    s.administrations = [...s.administrations.filter((a) => a.administration.id !== seed.id), fresh];
    for (const user of s.users)
      if (grantToUserIds.includes(user.id) && !user.administrationIds.includes(seed.id))
        user.administrationIds.push(seed.id);
    return { id: seed.id };
  });
  app.post('/clients', async (request, reply) => {
    const client = parse(ClientSeedSchema, request.body, reply);
    if (!client) return reply;
    const s = state();
    s.clients = [...s.clients.filter((c) => c.clientId !== client.clientId), client];
    return client;
  });
  app.post('/users', async (request, reply) => {
    const user = parse(UserSeedSchema, request.body, reply);
    if (!user) return reply;
    const s = state();
    s.users = [...s.users.filter((u) => u.id !== user.id), user];
    return user;
  });
  app.post('/refresh-tokens', async (request, reply) => {
    const body = parse(RefreshTokenSchema, request.body, reply);
    if (!body) return reply;
    const clientId = body.clientId ?? state().clients[0]?.clientId;
    const userId = body.userId ?? state().users[0]?.id;
    if (!state().clients.some((c) => c.clientId === clientId))
      return reply.code(404).send({ error: `client ${clientId} not found` });
    if (!clientId || !userId || !state().users.some((u) => u.id === userId))
      return reply.code(404).send({ error: `user ${userId} not found` });
    return {
      refresh_token: control.tokens.mintRefreshToken(clientId, userId),
      client_id: clientId,
      user_id: userId,
    };
  });
  app.post('/access-tokens/expire', async () => ({ expired: control.tokens.expireAccessTokens() }));
  app.post('/refresh-tokens/revoke', async () => ({ revoked: control.tokens.revokeRefreshTokens() }));
  app.put('/rate-limit', async (request, reply) => {
    const body = parse(RateLimitSchema, request.body, reply);
    if (!body) return reply;
    control.apiRateLimiter.setLimit(
      body.requests ? { requests: body.requests, windowMs: body.windowMs ?? 60_000 } : undefined,
    );
    return { limit: control.apiRateLimiter.limit() ?? null };
  });
  app.put<{ Params: { code: string } }>('/articles/:code/stock', async (request, reply) => {
    const data = administration(request, reply);
    const body = data && parse(StockSchema, request.body, reply);
    if (!data || !body) return reply;
    const article = data.articles.find((a) => a.code === request.params.code);
    if (!article) return reply.code(404).send({ error: `article ${request.params.code} not found` });
    article.currentStock = body.currentStock;
    if (body.reservedStock !== undefined) article.reservedStock = body.reservedStock;
    return article;
  });
  app.get('/debtors', async (request, reply) => {
    const data = administration(request, reply);
    if (!data) return reply;
    return { debtors: data.debtors.map((d) => debtorToWire(d, baseUrl(request, control.listSettings))) };
  });
  app.get('/invoices', async (request, reply) => {
    const data = administration(request, reply);
    if (!data) return reply;
    return {
      invoices: data.salesInvoices.map((i) =>
        salesInvoiceToWire(i, baseUrl(request, control.listSettings), true),
      ),
    };
  });
}
