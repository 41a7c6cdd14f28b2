import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ResolvedOptions } from '../options.js';
import type { TokenIssuer } from './token-issuer.js';

export type AuthMode = 'bearer' | 'basic';
/** Who calls: the key the 3 req/s limit counts against ("per application per shop"). */
export type Principal = { mode: AuthMode; appKey: string };
export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401 | 403; message: string; challenge: string | undefined };

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function fail(status: 401 | 403, message: string, challenge?: string): AuthResult {
  return { ok: false, status, message, challenge };
}

/**
 * Bearer tokens on `/api/{resource}` (new API) and Basic `username:apiKey` on `/{resource}`
 * (classic API, deprecated: optionally 403), README.md. Response bodies are undocumented
 * (assumptions.authFailureBody).
 */
export function authenticate(
  request: FastifyRequest,
  mode: AuthMode,
  deps: { options: ResolvedOptions; issuer: TokenIssuer },
): AuthResult {
  const header = request.headers.authorization ?? '';
  const [scheme = '', value = ''] = header.split(' ', 2);
  if (mode === 'bearer') {
    const challenge = 'Bearer error="invalid_token"';
    if (scheme.toLowerCase() !== 'bearer' || value === '')
      return fail(401, 'Missing Bearer access token', 'Bearer');
    const claims = deps.issuer.verify(value);
    if (!claims) return fail(401, 'The access token is invalid or has expired', challenge);
    return { ok: true, principal: { mode, appKey: `${deps.options.shopName}:${claims.aud}` } };
  }
  const challenge = `Basic realm="${deps.options.shopName}.api.myshoprenter.hu"`;
  if (scheme.toLowerCase() !== 'basic' || value === '')
    return fail(401, 'Missing Basic credentials', challenge);
  if (deps.options.basicAuth.deprecated) return fail(403, 'Forbidden: Basic authentication is deprecated');
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const split = decoded.indexOf(':');
  const username = decoded.slice(0, split);
  const apiKey = decoded.slice(split + 1);
  const known = deps.options.basicAuth.credentials.find(
    (c) => same(c.username, username) && same(c.apiKey, apiKey),
  );
  if (split < 0 || !known) return fail(401, 'Invalid username or API key', challenge);
  return { ok: true, principal: { mode, appKey: `${deps.options.shopName}:basic:${username}` } };
}

/** Cheap key for sim-kit's controlled rate limit, before authentication has run. */
export function rateLimitKeyOf(request: FastifyRequest): string {
  return request.headers.authorization ?? request.ip;
}
