/**
 * The Mijnwebwinkel source connector: the Connect API has no webhooks, so orders come only by a
 * primary poll on "the next order number to import" (README).
 */
import type { SourceConnector } from '@koppel/connector-sdk';
import { checkMijnwebwinkel } from './check.js';
import { createMijnwebwinkelClient } from './client.js';
import { decodeMijnwebwinkelOrder, MIJNWEBWINKEL_SYSTEM } from './decode-order.js';
import { cursorFor, describeCursor, initialCursor } from './poll-cursor.js';
import { type MijnwebwinkelSession, pollOrders } from './poll-orders.js';
import {
  type MijnwebwinkelCredentials,
  type MijnwebwinkelSettings,
  mijnwebwinkelCredentialsSchema,
  mijnwebwinkelSettingsSchema,
} from './settings.js';

export const mijnwebwinkelConnector: SourceConnector<
  MijnwebwinkelSettings,
  MijnwebwinkelCredentials,
  MijnwebwinkelSession
> = Object.freeze({
  system: MIJNWEBWINKEL_SYSTEM,
  displayName: 'Mijnwebwinkel',
  settingsSchema: mijnwebwinkelSettingsSchema,
  credentialsSchema: mijnwebwinkelCredentialsSchema,
  decodeOrder: decodeMijnwebwinkelOrder,
  poller: Object.freeze({
    role: 'primary' as const,
    initialCursor,
    poll: pollOrders,
    cursorFor,
    describeCursor,
  }),
  pollingEnabled: (settings: MijnwebwinkelSettings) => ({ ...settings.polling }),
  openSession(connection, services): MijnwebwinkelSession {
    return {
      client: createMijnwebwinkelClient(connection.settings, connection.credentials, services),
      settings: connection.settings,
      now: () => services.now(),
    };
  },
  check: checkMijnwebwinkel,
});
