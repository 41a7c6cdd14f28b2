import { randomBytes } from 'node:crypto';
import type { ApiKeyRecord, ApiKeyRepository, ApiKeyScope } from '@koppel/db';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { adminErrors } from '../errors.js';
import { adminSecurity } from '../openapi/openapi-docs.js';
import type { ZodTypeProvider } from '../openapi/zod-schema-compilers.js';
import {
  apiKeyListSchema,
  apiKeyParamsSchema,
  createApiKeyBodySchema,
  createdApiKeySchema,
} from '../schemas/api-key-schemas.js';
import { forbiddenResponse, notFoundResponse, problemResponses } from '../schemas/problem-schemas.js';
import { hashApiKey } from './api-key-auth.js';
import { maySee, scopeOf } from './tenant-scope.js';

export type ApiKeyRouteDeps = { apiKeys: ApiKeyRepository };

const common = { tags: ['api-keys'], security: adminSecurity };

const toView = (key: ApiKeyRecord) => ({
  id: key.id,
  label: key.label,
  tenantId: key.tenantId,
  operator: key.operator,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
});

/**
 * API keys: created (the key shown once, stored as its sha256), listed without the key, and
 * revoked. A tenant's key manages keys of its own tenant; only operator keys create operator
 * keys or keys of other tenants. The keys in ADMIN_API_KEYS are operator keys not listed here.
 */
export async function registerApiKeyRoutes(app: FastifyInstance, deps: ApiKeyRouteDeps): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/api-keys',
    {
      schema: {
        ...common,
        summary: 'Create an API key for a tenant (or an operator key); the answer shows the key once',
        body: createApiKeyBodySchema,
        response: { 201: createdApiKeySchema, ...problemResponses, ...forbiddenResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const scope: ApiKeyScope =
        'operator' in body ? { operator: true } : { operator: false, tenantId: body.tenantId };
      if (scope.operator && !scopeOf(request).operator) throw adminErrors.outsideTenant('body.operator');
      if (!scope.operator && !maySee(request, scope.tenantId))
        throw adminErrors.outsideTenant('body.tenantId');
      const key = `kpl_${randomBytes(32).toString('base64url')}`;
      const created = await deps.apiKeys.create({ keyHash: hashApiKey(key), label: body.label, scope });
      request.log.info(
        { apiKeyId: created.id, tenantId: created.tenantId, operator: created.operator },
        'API key created',
      );
      return reply.code(201).send({ ...toView(created), key });
    },
  );

  routes.get(
    '/api-keys',
    {
      schema: {
        ...common,
        summary: "List active API keys (never the keys themselves); a tenant's key sees its tenant's",
        response: { 200: apiKeyListSchema, ...problemResponses },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const keys = await deps.apiKeys.list(scope.operator ? undefined : scope.tenantId);
      return { apiKeys: keys.map(toView) };
    },
  );

  routes.delete(
    '/api-keys/:id',
    {
      schema: {
        ...common,
        summary: 'Revoke an API key; it is refused (401) from now on',
        params: apiKeyParamsSchema,
        response: { 204: z.null().describe('Revoked'), ...problemResponses, ...notFoundResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const key = await deps.apiKeys.find(id);
      // Another tenant's key is "not found": its existence is not this key's business.
      const visible = key && (scopeOf(request).operator || (!key.operator && maySee(request, key.tenantId)));
      if (!visible || !(await deps.apiKeys.revoke(id))) throw adminErrors.apiKeyNotFound(id);
      request.log.info({ apiKeyId: id }, 'API key revoked');
      return reply.code(204).send(null);
    },
  );
}
