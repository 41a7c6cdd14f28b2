import type {
  ApiKeyRepository,
  AuditLogRepository,
  Database,
  RetentionSettingsRepository,
  TenantRetention,
} from '@koppel/db';
import { appError } from '@koppel/errors';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import { runRetentionPurge } from '../retention/run-retention-purge.js';
import { problemResponse } from '../schemas/operation-problem-schemas.js';
import { forbiddenResponse, problemResponses } from '../schemas/problem-schemas.js';
import {
  purgeResultSchema,
  putRetentionBodySchema,
  retentionSchema,
  tenantParamsSchema,
} from '../schemas/retention-schemas.js';
import { auditActorOf } from './audit-actor.js';
import { assertTenantAccess } from './tenant-access.js';

export type RetentionRouteDeps = {
  db: Kysely<Database>;
  settings: RetentionSettingsRepository;
  audit: AuditLogRepository;
  apiKeys: ApiKeyRepository;
  /** Rows per purge statement (tests make it small to exercise batching). */
  purgeBatchSize?: number;
};

const common = { tags: ['tenants'], security: adminSecurity, params: tenantParamsSchema };

const toView = (retention: TenantRetention) => ({
  tenantId: retention.tenantId,
  retentionDays: retention.retentionDays,
  isDefault: !retention.custom,
  updatedAt: retention.updatedAt?.toISOString() ?? null,
});

/**
 * Per-tenant retention: read it, set it, and purge now. The same purge runs on a schedule in the
 * admin deployable and the embedded mode (retention/retention-purge-loop.ts); one lease guards
 * both, so a purge asked for while another runs answers 409.
 */
export async function registerRetentionRoutes(app: FastifyInstance, deps: RetentionRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/tenants/:tenantId/retention',
    {
      schema: {
        ...common,
        summary: "The tenant's retention of payloads and personal data (default 30 days)",
        response: { 200: retentionSchema, ...problemResponses, ...forbiddenResponse },
      },
    },
    async (request) => {
      assertTenantAccess(request, request.params.tenantId);
      return toView(await deps.settings.get(request.params.tenantId));
    },
  );

  routes.put(
    '/tenants/:tenantId/retention',
    {
      schema: {
        ...common,
        summary: "Set the tenant's retention; the next purge applies it",
        body: putRetentionBodySchema,
        response: { 200: retentionSchema, ...problemResponses, ...forbiddenResponse },
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      assertTenantAccess(request, tenantId);
      const previous = await deps.settings.get(tenantId);
      const retention = await deps.settings.set(tenantId, request.body.retentionDays);
      await deps.audit.append({
        tenantId,
        action: 'retention_changed',
        actor: await auditActorOf(request, deps.apiKeys),
        subjectHash: null,
        details: { retentionDays: retention.retentionDays, previousRetentionDays: previous.retentionDays },
      });
      request.log.info({ tenantId, retentionDays: retention.retentionDays }, 'retention changed');
      return toView(retention);
    },
  );

  routes.post(
    '/tenants/:tenantId/retention/purge',
    {
      schema: {
        ...common,
        summary: "Purge the tenant's data older than its retention now; answers what was purged",
        response: {
          200: purgeResultSchema,
          ...problemResponses,
          ...forbiddenResponse,
          409: problemResponse('Another purge is running (the schedule or another request); retry later'),
        },
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      assertTenantAccess(request, tenantId);
      const report = await runRetentionPurge({ db: deps.db, batchSize: deps.purgeBatchSize }, { tenantId });
      const result = report?.tenants[0];
      if (!report || !result) {
        throw appError('CONFLICT', 'another retention purge is running; retry in a minute', {
          field: 'params.tenantId',
        });
      }
      await deps.audit.append({
        tenantId,
        action: 'retention_purge',
        actor: await auditActorOf(request, deps.apiKeys),
        subjectHash: null,
        details: { retentionDays: result.retentionDays, purged: result.purged, complete: report.complete },
      });
      request.log.info({ tenantId, purged: result.purged }, 'retention purge run by hand');
      return {
        tenantId,
        retentionDays: result.retentionDays,
        cutoff: result.cutoff.toISOString(),
        purged: result.purged,
        complete: report.complete,
      };
    },
  );
}
