import type { Connection } from '@koppel/db';
import type { ConnectionView } from '../schemas/connection-schemas.js';

/** The opened credentials of both sides, of which a view shows only the key names. */
export type ConnectionCredentials = {
  target: Record<string, unknown>;
  source: Record<string, unknown>;
};

/**
 * What the API shows of a connection: everything but the webhook secret hash and the
 * credentials of either side, of which only the key names (sorted) appear.
 */
export function toConnectionView(connection: Connection, credentials: ConnectionCredentials): ConnectionView {
  const credentialKeys = Object.keys(credentials.target).sort();
  return {
    id: connection.id,
    tenantId: connection.tenantId,
    name: connection.name,
    sourceSystem: connection.sourceSystem,
    targetSystem: connection.targetSystem,
    ipAllowlist: connection.ipAllowlist,
    rules: connection.rules,
    settings: connection.settings,
    sourceSettings: connection.sourceSettings,
    active: connection.active,
    hasCredentials: credentialKeys.length > 0,
    credentialKeys,
    sourceCredentialKeys: Object.keys(credentials.source).sort(),
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}
