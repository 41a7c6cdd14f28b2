import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OAuthError, type TokenService } from '../auth/token-service.js';
import { ASSUMPTIONS } from '../domain/assumptions.js';

/**
 * `POST /api/v3/token` (form encoded, notes §2.1: authorization_code and refresh_token grants,
 * client credentials in the body) and the authorize page `GET /ams/authorize.aspx`, which in the
 * simulator consents at once and redirects back with a code.
 */
const tokenBodySchema = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1, 'code is required'),
    redirect_uri: z.string().optional(),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1, 'refresh_token is required'),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
  }),
]);

const authorizeQuerySchema = z.object({
  response_type: z.string(),
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  scope: z.string().optional(),
  state: z.string().optional(),
});

export function registerTokenRoutes(app: FastifyInstance, tokens: TokenService): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post(`${ASSUMPTIONS.apiBasePath}/token`, async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const raw = (request.body ?? {}) as Record<string, unknown>;
    if (raw.grant_type !== 'authorization_code' && raw.grant_type !== 'refresh_token') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        `grant_type ${String(raw.grant_type ?? '(missing)')} is not supported`,
      );
    }
    const parsed = tokenBodySchema.safeParse(raw);
    if (!parsed.success)
      throw new OAuthError(400, 'invalid_request', parsed.error.issues[0]?.message ?? 'invalid request');
    const body = parsed.data;
    const client = tokens.authenticateClient(body.client_id, body.client_secret);
    const result =
      body.grant_type === 'authorization_code'
        ? tokens.exchangeCode(client, body.code, body.redirect_uri)
        : tokens.refresh(client, body.refresh_token);
    return reply.header('cache-control', 'no-store').send(result);
  });

  app.get('/ams/authorize.aspx', async (request, reply) => {
    const parsed = authorizeQuerySchema.safeParse(request.query);
    if (!parsed.success)
      throw new OAuthError(
        400,
        'invalid_request',
        `Missing or invalid ${String(parsed.error.issues[0]?.path[0] ?? 'parameter')}`,
      );
    const q = parsed.data;
    const scopes = (q.scope ?? ASSUMPTIONS.scopes.join(' ')).split(/\s+/).filter(Boolean);
    const target = new URL(q.redirect_uri);
    if (q.response_type !== 'code') {
      target.searchParams.set('error', 'unsupported_response_type');
    } else {
      const unknown = scopes.find((s) => !(ASSUMPTIONS.scopes as readonly string[]).includes(s));
      if (unknown) target.searchParams.set('error', 'invalid_scope');
      else target.searchParams.set('code', tokens.createCode(q.client_id, q.redirect_uri, scopes));
    }
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    return reply.redirect(target.toString(), 302);
  });
}
