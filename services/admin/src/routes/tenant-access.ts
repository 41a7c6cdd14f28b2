import type { FastifyRequest } from 'fastify';
import { adminErrors } from '../errors.js';
import { maySee } from './tenant-scope.js';

/** A tenant's key acts only for its own tenant (403 naming `params.tenantId`); operator keys for any. */
export function assertTenantAccess(request: FastifyRequest, tenantId: string): void {
  if (!maySee(request, tenantId)) throw adminErrors.outsideTenant('params.tenantId');
}
