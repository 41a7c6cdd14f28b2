/**
 * MplusKASSA as a source: orders taken at the till, polled with `getOrders` after the last sync
 * marker (primary poller; Mplus has no webhooks for this), sent to shops that accept orders.
 * Orders Koppel itself put into Mplus are ignored (README "Till orders to the shop").
 */
import type { ConnectionContext, SessionServices, SourceConnector } from '@koppel/connector-sdk';
import { createMplusClient } from '../client.js';
import { checkMplusSource } from './check.js';
import { decodeTillOrder } from './decode-till-order.js';
import { cursorFor, describeCursor, initialCursor } from './poll-cursor.js';
import { type MplusSourceSession, pollTillOrders } from './poll-till-orders.js';
import {
  type MplusSourceCredentials,
  type MplusSourceSettings,
  mplusSourceCredentialsSchema,
  mplusSourceSettingsSchema,
} from './settings.js';

export type MplusSourceConnector = SourceConnector<
  MplusSourceSettings,
  MplusSourceCredentials,
  MplusSourceSession
>;

function openSourceSession(
  connection: ConnectionContext<MplusSourceSettings, MplusSourceCredentials>,
  services: SessionServices,
): MplusSourceSession {
  const { settings, credentials } = connection;
  const client = createMplusClient({
    apiUrl: settings.apiUrl,
    ident: credentials.ident,
    secret: credentials.secret,
    fetch: services.fetch,
    timeoutMs: settings.requestTimeoutMs ?? services.requestTimeoutMs,
  });
  return Object.freeze({ connectionId: connection.connectionId, settings, client });
}

export const mplusSourceConnector: MplusSourceConnector = Object.freeze({
  system: 'mplus',
  displayName: 'MplusKASSA',
  settingsSchema: mplusSourceSettingsSchema,
  credentialsSchema: mplusSourceCredentialsSchema,
  decodeOrder: decodeTillOrder,
  poller: Object.freeze({
    role: 'primary' as const,
    initialCursor,
    poll: pollTillOrders,
    cursorFor,
    describeCursor,
  }),
  pollingEnabled: (settings: MplusSourceSettings) => ({ ...settings.polling }),
  openSession: openSourceSession,
  check: checkMplusSource,
});
