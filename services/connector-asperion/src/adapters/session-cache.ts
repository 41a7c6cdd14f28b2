import {
  type AsperionConnector,
  type AsperionSession,
  parseAsperionSettings,
} from '@koppel/connector-asperion';
import type { ConnectionRepository } from '@koppel/db';
import { appError } from '@koppel/errors';

/**
 * One live session (token cache, rate limiter) per connection. A session is rebuilt when the
 * connection's settings or credentials change, but not when only the refresh token was rotated
 * by the session itself (that would throw the cached access token away for nothing).
 */
export function createSessionCache(connector: AsperionConnector, connections: ConnectionRepository) {
  const sessions = new Map<string, { fingerprint: string; session: AsperionSession }>();
  return {
    async sessionFor(connectionId: string): Promise<AsperionSession> {
      const connection = await connections.find(connectionId);
      if (!connection) {
        throw appError('NOT_FOUND', `connection ${connectionId} no longer exists`, { field: 'connectionId' });
      }
      const credentials = (await connections.readCredentials(connectionId)) ?? {};
      const { refreshToken: _rotating, ...stable } = credentials;
      const fingerprint = JSON.stringify([connection.settings, stable]);
      const cached = sessions.get(connectionId);
      if (cached && cached.fingerprint === fingerprint) return cached.session;
      const settings = parseAsperionSettings({ ...connection.settings, ...credentials });
      const session = connector.openSession(connectionId, settings);
      sessions.set(connectionId, { fingerprint, session });
      return session;
    },
  };
}
