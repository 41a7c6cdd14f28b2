import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_STATUS } from '../domain/assumptions.js';
import { sendApiError } from '../errors.js';
import type { ApiDeps } from './api-deps.js';

/** The store token of a call, from the `token` query parameter (securitySchemes.StoreToken). */
export function storeTokenOf(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/**
 * `token` AND `partner_token` in the query (the spec's global security), then the API's own
 * rate limit per store token. Statuses: see AUTH_STATUS in assumptions.
 */
export function createAuthHook(deps: ApiDeps) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const token = storeTokenOf(request);
    const stored = deps.holder.state.tokens.find((t) => t.token === token);
    if (!token || !stored?.active) {
      return sendApiError(reply, AUTH_STATUS.badStoreToken, 'Invalid or missing store token');
    }
    const partner = (request.query as Record<string, unknown>).partner_token;
    const partnerMissing = typeof partner !== 'string' || partner.length === 0;
    if (
      (partnerMissing && deps.options.requirePartnerToken) ||
      (!partnerMissing && partner !== stored.partnerToken)
    ) {
      return sendApiError(reply, AUTH_STATUS.badPartnerToken, 'Invalid or missing partner token');
    }
    const wait = deps.rateLimiter.take(token, deps.holder.now().getTime());
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendApiError(reply, 429, 'Rate limit exceeded');
    }
  };
}
