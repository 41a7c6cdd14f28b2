import type { ApiKeyRepository, AuditEntry, AuditLogRepository, ErasureRepository } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import { adminErrors } from '../errors.js';
import { toErasureSubject } from '../domain/erasure-subject.js';
import { decodePageCursor, nextPageCursor } from '../domain/page-cursor.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import {
  auditLogQuerySchema,
  auditLogSchema,
  erasureBodySchema,
  erasureResultSchema,
} from '../schemas/erasure-schemas.js';
import { forbiddenResponse, problemResponses } from '../schemas/problem-schemas.js';
import { tenantParamsSchema } from '../schemas/retention-schemas.js';
import { auditActorOf } from './audit-actor.js';
import { assertTenantAccess } from './tenant-access.js';

export type ErasureRouteDeps = {
  erasure: ErasureRepository;
  audit: AuditLogRepository;
  apiKeys: ApiKeyRepository;
};

const common = { tags: ['tenants'], security: adminSecurity, params: tenantParamsSchema };

const toView = (entry: AuditEntry) => ({
  id: entry.id,
  tenantId: entry.tenantId,
  action: entry.action,
  actor: entry.actor,
  subjectHash: entry.subjectHash,
  details: entry.details,
  at: entry.at.toISOString(),
});

/**
 * Erasure of one customer (GDPR art. 17) across the tenant's tables, and the audit log that
 * records it. The e-mail travels only in the request body (never a URL, which is logged) and is
 * kept nowhere: the audit entry holds a hash of it and the counts.
 */
export async function registerErasureRoutes(app: FastifyInstance, deps: ErasureRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/tenants/:tenantId/erasure',
    {
      schema: {
        ...common,
        summary: "Erase one customer's personal data in the tenant; answers what was erased",
        body: erasureBodySchema,
        response: { 200: erasureResultSchema, ...problemResponses, ...forbiddenResponse },
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      assertTenantAccess(request, tenantId);
      const subject = toErasureSubject(tenantId, request.body.email);
      const { counts, orders } = await deps.erasure.eraseCustomer(tenantId, subject.normalizedEmail);
      const erasedRows = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const entry = await deps.audit.append({
        tenantId,
        action: 'erasure',
        actor: await auditActorOf(request, deps.apiKeys),
        subjectHash: subject.subjectHash,
        details: { erased: counts, orders: orders.length },
      });
      request.log.info(
        { tenantId, auditEntryId: entry.id, erasedRows, orders: orders.length },
        'customer erased',
      );
      return {
        tenantId,
        found: erasedRows > 0,
        message:
          erasedRows > 0
            ? `erased the customer's personal data from ${erasedRows} rows of ${orders.length} orders`
            : 'nothing of this customer was found: nothing left to erase',
        erased: counts,
        orders,
        auditEntryId: entry.id,
      };
    },
  );

  routes.get(
    '/tenants/:tenantId/audit-log',
    {
      schema: {
        ...common,
        summary: "The tenant's audit log: erasures, retention changes and purges run by hand",
        querystring: auditLogQuerySchema,
        response: { 200: auditLogSchema, ...problemResponses, ...forbiddenResponse },
      },
    },
    async (request) => {
      const { tenantId } = request.params;
      assertTenantAccess(request, tenantId);
      const { cursor, limit } = request.query;
      const beforeId = cursor === undefined ? undefined : decodePageCursor(cursor);
      if (cursor !== undefined && beforeId === undefined) throw adminErrors.invalidPageCursor();
      const entries = await deps.audit.list(tenantId, limit, beforeId);
      return { items: entries.map(toView), nextCursor: nextPageCursor(entries, limit) };
    },
  );
}
