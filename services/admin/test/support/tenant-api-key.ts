import type { FastifyInstance } from 'fastify';

/**
 * Issues an API key scoped to `tenantId` through the admin API (as an operator, by
 * `operatorHeaders`): its id, and the headers that present it.
 */
export async function createTenantKey(
  app: FastifyInstance,
  operatorHeaders: Record<string, string>,
  tenantId: string,
  label = `ops ${tenantId}`,
): Promise<{ id: string; headers: { authorization: string } }> {
  const response = await app.inject({
    method: 'POST',
    url: '/admin/v1/api-keys',
    headers: operatorHeaders,
    payload: { tenantId, label },
  });
  const created = response.json<{ id: string; key: string }>();
  return { id: created.id, headers: { authorization: `Bearer ${created.key}` } };
}
