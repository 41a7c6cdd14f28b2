import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { adminErrors } from '../errors.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The key a request presents: `Authorization: Bearer <key>` first, else `X-Api-Key`. */
export function presentedApiKey(headers: FastifyRequest['headers']): string | undefined {
  const authorization = headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return bearer;
  const header = headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  return key?.trim() || undefined;
}

/**
 * An `onRequest` hook accepting any of the configured keys. Keys are compared as sha256
 * digests with timingSafeEqual (equal lengths, no early exit), against every configured key,
 * so neither timing nor the number of keys tells a caller how close a guess was.
 */
export function createApiKeyAuth(apiKeys: readonly string[]) {
  if (apiKeys.length === 0) throw new Error('the admin API needs at least one API key');
  const accepted = apiKeys.map(digest);
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const key = presentedApiKey(request.headers);
    const presented = digest(key ?? '');
    let matched = false;
    for (const candidate of accepted) matched = timingSafeEqual(presented, candidate) || matched;
    if (key !== undefined && matched) return;
    reply.header('www-authenticate', 'Bearer realm="koppel-admin"');
    throw key === undefined ? adminErrors.missingApiKey() : adminErrors.wrongApiKey();
  };
}
