import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/token-service.js';
import { ASSUMPTIONS } from '../domain/assumptions.js';
import type { Grant } from '../domain/model.js';
import type { Store } from '../domain/store.js';
import { AccountViewError, forbidden, unauthorized } from '../errors.js';
import type { RateLimiter } from '@koppel/sim-kit';

/** Bearer token (notes §2.1), the API's own rate limit, then the scope the method needs. */
export function authorize(request: FastifyRequest, tokens: TokenService, limiter: RateLimiter): Grant {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized('Authorization: Bearer <access token> is required');
  const grant = tokens.verify(match[1]);
  if (!grant) throw unauthorized('Access token is invalid or expired');
  const wait = limiter.take(match[1]);
  if (wait > 0) throw new RateLimited(wait);
  const needed =
    request.method === 'GET'
      ? 'readaccountviewdata'
      : request.method === 'DELETE'
        ? 'deleteaccountviewdata'
        : 'updateaccountviewdata';
  if (!grant.scopes.includes(needed)) throw forbidden(`The access token lacks scope ${needed}`);
  return grant;
}

/** `x-company` (notes §2.1: the company Id from GET /companies), case-insensitive header name. */
export function companyId(request: FastifyRequest, store: Store): string {
  const raw = request.headers['x-company'];
  const id = Array.isArray(raw) ? raw[0] : raw;
  if (!id)
    throw new AccountViewError(ASSUMPTIONS.missingCompanyStatus, 'Header x-company (company id) is required');
  const company = store.company(id);
  if (!company)
    throw new AccountViewError(
      ASSUMPTIONS.unknownCompanyStatus,
      `Company ${id} is unknown or not accessible`,
    );
  return company.Id;
}

export class RateLimited extends AccountViewError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too many requests; retry later');
  }
}
