import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRepository, ApiKeyScope, AuthFailureRepository } from '@koppel/db';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminErrors } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request's API key speaks for; set by the authentication hook. */
    apiKeyScope: ApiKeyScope | null;
    /** sha256 hex of the key that authenticated the request; set by the authentication hook. */
    apiKeyDigest: string | null;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** sha256 hex of a key, as the api_keys table stores it. */
export const hashApiKey = (key: string): string => digest(key).toString('hex');

/** How many wrong keys one address may present per window, shared by every admin replica. */
export type AdminAuthFailurePolicy = { perAddress: number; windowSeconds: number };

export const DEFAULT_ADMIN_AUTH_FAILURE_POLICY: Readonly<AdminAuthFailurePolicy> = Object.freeze({
  perAddress: 10,
  windowSeconds: 300,
});

export type ApiKeyAuthDeps = {
  /** Configured keys (ADMIN_API_KEYS): operator keys, the bootstrap before any key is created. */
  operatorKeys: readonly string[];
  apiKeys: ApiKeyRepository;
  authFailures: AuthFailureRepository;
  policy: AdminAuthFailurePolicy;
};

/**
 * The keys a request presents: `Authorization: Bearer <key>`, then `X-Api-Key`. The OpenAPI
 * document lists the two schemes as alternatives (either one authenticates), so a request that
 * carries both is authenticated when either key is good.
 */
export function presentedApiKeys(headers: FastifyRequest['headers']): string[] {
  const bearer = headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const header = headers['x-api-key'];
  const apiKey = (Array.isArray(header) ? header[0] : header)?.trim();
  return [...new Set([bearer, apiKey].filter((key): key is string => Boolean(key)))];
}

/** Decorates requests with `apiKeyScope` (call on the scope the hook is added to). */
export function decorateApiKeyScope(app: FastifyInstance): void {
  app.decorateRequest('apiKeyScope', null);
  app.decorateRequest('apiKeyDigest', null);
}

/**
 * An `onRequest` hook: the configured keys are operator keys, compared as sha256 digests with
 * timingSafeEqual against every one of them (no early exit), so neither timing nor the number
 * of keys tells a caller how close a guess was; other keys are looked up by their digest in
 * api_keys (a lookup by digest leaks nothing about the key). Wrong keys are counted per source
 * address in Postgres; past the limit the answer is 429 with Retry-After, before any key is checked.
 */
export function createApiKeyAuth(deps: ApiKeyAuthDeps) {
  if (deps.operatorKeys.length === 0) throw new Error('the admin API needs at least one API key');
  const accepted = deps.operatorKeys.map(digest);
  const scopeOf = async (key: string): Promise<ApiKeyScope | undefined> => {
    const presented = digest(key);
    let matched = false;
    for (const candidate of accepted) matched = timingSafeEqual(presented, candidate) || matched;
    if (matched) return { operator: true };
    const stored = await deps.apiKeys.authenticate(presented.toString('hex'));
    if (!stored) return undefined;
    return stored.operator || stored.tenantId === null
      ? { operator: true }
      : { operator: false, tenantId: stored.tenantId };
  };
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const addressScope = `admin:address:${request.ip}`;
    const retryAfter = await deps.authFailures.blockedFor([
      { scope: addressScope, maxFailures: deps.policy.perAddress },
    ]);
    if (retryAfter !== undefined) throw adminErrors.tooManyAuthFailures(retryAfter);

    const keys = presentedApiKeys(request.headers);
    for (const key of keys) {
      const scope = await scopeOf(key);
      if (scope) {
        request.apiKeyScope = scope;
        request.apiKeyDigest = hashApiKey(key);
        return;
      }
    }
    reply.header('www-authenticate', 'Bearer realm="koppel-admin"');
    if (keys.length === 0) throw adminErrors.missingApiKey();
    await deps.authFailures.recordFailure([addressScope], deps.policy.windowSeconds);
    throw adminErrors.wrongApiKey();
  };
}
