import type { ApiKeyRepository, AuditActor } from '@koppel/db';
import type { FastifyRequest } from 'fastify';

/**
 * Who is acting, for the audit log: the stored API key's id and label, or, for a configured
 * operator key (ADMIN_API_KEYS, never stored), a label with the first 12 hex digits of its
 * sha256, enough to tell the configured keys apart and nothing to guess one from.
 */
export async function auditActorOf(request: FastifyRequest, apiKeys: ApiKeyRepository): Promise<AuditActor> {
  const digest = request.apiKeyDigest;
  if (digest === null) return { keyId: null, label: 'unknown key' };
  const stored = await apiKeys.authenticate(digest);
  if (stored) return { keyId: stored.id, label: stored.label };
  return { keyId: null, label: `operator key (ADMIN_API_KEYS) sha256:${digest.slice(0, 12)}` };
}
