import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AsperionState } from '../domain/state.js';
import { renderConsentPage } from './consent-page.js';
import type { OAuthError, TokenService } from './token-service.js';

/**
 * Identity server routes (notes §1.1): `/connect/authorize`, `/connect/token` and a discovery
 * document. Errors are OAuth JSON (`{"error":"invalid_grant"}`), never ProblemDetails.
 */
export type IdentityRouteOptions = {
  tokens: TokenService;
  getState: () => AsperionState;
  autoApprove: boolean;
  basePath: string;
};

const AuthorizeQuerySchema = z.object({
  response_type: z.string().optional(),
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  scope: z.string().default('api offline_access'),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.enum(['S256', 'plain']).optional(),
  /** Simulator-only: skip the consent screen (for tests). */
  sim_auto_approve: z.enum(['true', 'false', '1', '0']).optional(),
  /** Simulator-only: which user consents (id or username); default the first user. */
  sim_user: z.string().optional(),
  decision: z.enum(['approve', 'deny']).optional(),
  user_id: z.string().optional(),
});
type AuthorizeParams = z.output<typeof AuthorizeQuerySchema>;

const TokenBodySchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  refresh_token: z.string().optional(),
  code_verifier: z.string().optional(),
});

function redirectWith(reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return reply.redirect(url.toString(), 302);
}

function oauthError(reply: FastifyReply, error: OAuthError) {
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({ error: error.error, error_description: error.description });
}

/** Credentials from the form body (AuthStyleInParams) or, as IdentityServer also allows, Basic. */
function clientCredentials(body: z.output<typeof TokenBodySchema>, authorization: string | undefined) {
  if (body.client_id !== undefined)
    return { clientId: body.client_id, clientSecret: body.client_secret ?? '' };
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

export async function identityRoutes(app: FastifyInstance, options: IdentityRouteOptions): Promise<void> {
  const { tokens, getState, basePath: prefix } = options;
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const handleAuthorize = (params: AuthorizeParams, reply: FastifyReply, fromConsent: boolean) => {
    const client = getState().clients.find((c) => c.clientId === params.client_id);
    if (!client)
      return reply.code(400).send({ error: 'invalid_client', error_description: 'unknown client_id' });
    if (!params.redirect_uri || !client.redirectUris.includes(params.redirect_uri)) {
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: 'redirect_uri is not registered for this client',
      });
    }
    const redirectUri = params.redirect_uri;
    if (params.response_type !== 'code')
      return redirectWith(reply, redirectUri, { error: 'unsupported_response_type', state: params.state });
    const users = getState().users;
    const auto = options.autoApprove || params.sim_auto_approve === 'true' || params.sim_auto_approve === '1';
    if (!fromConsent && !auto) {
      const { decision: _d, user_id: _u, sim_auto_approve: _a, ...rest } = params;
      const hidden = Object.fromEntries(
        Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      return reply
        .type('text/html; charset=utf-8')
        .send(renderConsentPage(`${prefix}/connect/authorize/consent`, client.clientId, hidden, users));
    }
    if (params.decision === 'deny')
      return redirectWith(reply, redirectUri, { error: 'access_denied', state: params.state });
    const wanted = params.user_id ?? params.sim_user;
    const user =
      wanted === undefined ? users[0] : users.find((u) => u.id === wanted || u.username === wanted);
    if (!user)
      return redirectWith(reply, redirectUri, {
        error: 'access_denied',
        error_description: 'unknown user',
        state: params.state,
      });
    const code = tokens.createCode({
      clientId: client.clientId,
      userId: user.id,
      redirectUri,
      scope: params.scope,
      codeChallenge: params.code_challenge ?? null,
      codeChallengeMethod: params.code_challenge ? (params.code_challenge_method ?? 'plain') : null,
    });
    return redirectWith(reply, redirectUri, { code, scope: params.scope, state: params.state });
  };

  app.get('/connect/authorize', async (request, reply) => {
    const parsed = AuthorizeQuerySchema.safeParse(request.query);
    if (!parsed.success)
      return reply.code(400).send({ error: 'invalid_request', error_description: parsed.error.message });
    return handleAuthorize(parsed.data, reply, false);
  });

  app.post('/connect/authorize/consent', async (request, reply) => {
    const parsed = AuthorizeQuerySchema.safeParse(request.body ?? {});
    if (!parsed.success)
      return reply.code(400).send({ error: 'invalid_request', error_description: parsed.error.message });
    return handleAuthorize(parsed.data, reply, true);
  });

  app.post('/connect/token', async (request, reply) => {
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(reply, {
        status: 400,
        error: 'invalid_request',
        description: 'body must be application/x-www-form-urlencoded',
      });
    }
    const parsed = TokenBodySchema.safeParse(request.body ?? {});
    if (!parsed.success)
      return oauthError(reply, { status: 400, error: 'invalid_request', description: 'malformed form body' });
    const body = parsed.data;
    const credentials = clientCredentials(body, request.headers.authorization);
    if (!credentials || !tokens.authenticateClient(credentials.clientId, credentials.clientSecret)) {
      return oauthError(reply, {
        status: 401,
        error: 'invalid_client',
        description: 'client authentication failed',
      });
    }
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    if (body.grant_type === 'authorization_code') {
      if (!body.code)
        return oauthError(reply, { status: 400, error: 'invalid_request', description: 'code is required' });
      const result = tokens.redeemCode(
        credentials.clientId,
        body.code,
        body.redirect_uri,
        body.code_verifier,
      );
      return 'error' in result ? oauthError(reply, result) : result;
    }
    if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token)
        return oauthError(reply, {
          status: 400,
          error: 'invalid_request',
          description: 'refresh_token is required',
        });
      const result = tokens.refresh(credentials.clientId, body.refresh_token);
      return 'error' in result ? oauthError(reply, result) : result;
    }
    if (!body.grant_type)
      return oauthError(reply, {
        status: 400,
        error: 'invalid_request',
        description: 'grant_type is required',
      });
    return oauthError(reply, {
      status: 400,
      error: 'unsupported_grant_type',
      description: `grant_type ${body.grant_type} is not supported`,
    });
  });

  app.get('/.well-known/openid-configuration', async (request) => {
    const base = `${request.protocol}://${request.host}${prefix}`;
    return {
      issuer: base,
      authorization_endpoint: `${base}/connect/authorize`,
      token_endpoint: `${base}/connect/token`,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      response_types_supported: ['code'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      code_challenge_methods_supported: ['plain', 'S256'],
    };
  });
}
