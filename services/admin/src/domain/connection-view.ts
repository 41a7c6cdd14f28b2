import type { Connection } from '@koppel/db';
import type { ConnectionView } from '../schemas/connection-schemas.js';

/**
 * What the API shows of a connection: everything but the webhook secret hash and the
 * credentials, of which only the key names (sorted) appear.
 */
export function toConnectionView(
  connection: Connection,
  credentials: Record<string, unknown>,
): ConnectionView {
  const credentialKeys = Object.keys(credentials).sort();
  return {
    id: connection.id,
    tenantId: connection.tenantId,
    name: connection.name,
    sourceSystem: connection.sourceSystem,
    targetSystem: connection.targetSystem,
    ipAllowlist: connection.ipAllowlist,
    rules: connection.rules,
    settings: connection.settings,
    active: connection.active,
    hasCredentials: credentialKeys.length > 0,
    credentialKeys,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}
