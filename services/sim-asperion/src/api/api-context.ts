import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdministrationData, User } from '../domain/model.js';
import { type Language, pickLanguage, translate } from '../domain/messages.js';
import type { AsperionState } from '../domain/state.js';
import type { TokenService } from '../identity/token-service.js';
import type { RateLimiter } from '@koppel/sim-kit';
import { sendProblem } from './problem.js';

/** What every `/v1` handler knows after authentication and tenant selection (notes §1.1). */
export type ApiContext = { language: Language; user: User; data: AdministrationData };

const contexts = new WeakMap<FastifyRequest, ApiContext>();

export function apiContext(request: FastifyRequest): ApiContext {
  const context = contexts.get(request);
  if (!context) throw new Error('apiContext used outside the authenticated /v1 scope');
  return context;
}

export function languageOf(request: FastifyRequest, fallback: Language): Language {
  return pickLanguage(request.headers['accept-language'], fallback);
}

export type AuthenticateOptions = {
  tokens: TokenService;
  getState: () => AsperionState;
  rateLimiter: RateLimiter;
  defaultLanguage: Language;
};

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** preHandler for `/v1`: Bearer token -> 401, API rate limit -> 429, tenant header -> 400/403. */
export function createAuthenticateHook(options: AuthenticateOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const language = languageOf(request, options.defaultLanguage);
    const t = (key: Parameters<typeof translate>[0], params?: Record<string, string | number>) =>
      translate(key, language, params);
    const match = /^Bearer\s+(\S+)$/i.exec(header(request, 'authorization') ?? '');
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, 401, t('tokenMissing'));
    }
    const check = options.tokens.checkAccessToken(match[1]);
    if (!check.ok) {
      const description = check.reason === 'expired' ? 'The token expired' : 'The token is invalid';
      reply.header('www-authenticate', `Bearer error="invalid_token", error_description="${description}"`);
      return sendProblem(reply, 401, t(check.reason === 'expired' ? 'tokenExpired' : 'tokenInvalid'));
    }
    const wait = options.rateLimiter.take(`${check.record.clientId}:${check.record.userId}`);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return sendProblem(reply, 429, t('tooManyRequests', { seconds: wait }));
    }
    const state = options.getState();
    const user = state.users.find((u) => u.id === check.record.userId);
    if (!user) return sendProblem(reply, 401, t('tokenInvalid'));
    const dashed = header(request, 'x-tenant-id');
    const plain = header(request, 'x-tenantid');
    if (dashed !== undefined && plain !== undefined && dashed.trim() !== plain.trim()) {
      return sendProblem(reply, 400, t('conflictingTenantHeaders'), {
        'X-Tenant-Id': [t('conflictingTenantHeaders')],
      });
    }
    const raw = (dashed ?? plain)?.trim();
    if (raw !== undefined && !/^\d+$/.test(raw)) {
      return sendProblem(reply, 400, t('invalidTenant'), { 'X-Tenant-Id': [t('invalidTenant')] });
    }
    const administrationId = raw === undefined ? user.defaultAdministrationId : Number(raw);
    const data = state.administrations.find((a) => a.administration.id === administrationId);
    if (!data || !user.administrationIds.includes(administrationId)) {
      return sendProblem(reply, 403, t('forbiddenTenant', { value: administrationId }));
    }
    contexts.set(request, { language, user, data });
  };
}
