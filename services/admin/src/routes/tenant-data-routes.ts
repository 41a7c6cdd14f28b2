import {
  type ApiKeyRepository,
  createAuditLogRepository,
  createErasureRepository,
  createRetentionSettingsRepository,
  type Database,
} from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { registerErasureRoutes } from './erasure-routes.js';
import { registerRetentionRoutes } from './retention-routes.js';

export type TenantDataRouteDeps = {
  db: Kysely<Database>;
  apiKeys: ApiKeyRepository;
  /** Rows per purge statement (default 500). */
  purgeBatchSize?: number;
};

/** A tenant's data protection routes (issue 12, GDPR): retention, purge, erasure, audit log. */
export async function registerTenantDataRoutes(
  app: FastifyInstance,
  deps: TenantDataRouteDeps,
): Promise<void> {
  const audit = createAuditLogRepository(deps.db);
  await registerRetentionRoutes(app, {
    db: deps.db,
    settings: createRetentionSettingsRepository(deps.db),
    audit,
    apiKeys: deps.apiKeys,
    purgeBatchSize: deps.purgeBatchSize,
  });
  await registerErasureRoutes(app, {
    erasure: createErasureRepository(deps.db),
    audit,
    apiKeys: deps.apiKeys,
  });
}
