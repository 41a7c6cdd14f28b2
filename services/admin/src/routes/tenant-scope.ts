import type { ApiKeyScope, Connection, ConnectionRepository } from '@koppel/db';
import type { FastifyRequest } from 'fastify';
import { adminErrors } from '../errors.js';

/** The authenticated key's scope; the hook sets it before any route runs. */
export function scopeOf(request: FastifyRequest): ApiKeyScope {
  const scope = request.apiKeyScope;
  if (!scope) throw adminErrors.missingApiKey();
  return scope;
}

/** Whether this request's key may see a tenant's data: its own tenant, or any for an operator key. */
export function maySee(request: FastifyRequest, tenantId: string | null): boolean {
  const scope = scopeOf(request);
  return scope.operator || scope.tenantId === tenantId;
}

/**
 * The connection, when it exists and the key may see its tenant; else 404, the same answer as
 * for a connection that does not exist, so a tenant's key cannot tell another tenant's ids exist.
 */
export async function findVisibleConnection(
  connections: ConnectionRepository,
  request: FastifyRequest,
  id: string,
): Promise<Connection> {
  const connection = await connections.find(id);
  if (!connection || !maySee(request, connection.tenantId)) throw adminErrors.connectionNotFound(id);
  return connection;
}
