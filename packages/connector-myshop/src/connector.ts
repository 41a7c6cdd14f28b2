/**
 * The myShop source connector: orders come only by polling the merchant order pull RPC
 * (primary poller), decoded from the order export XML. README.md.
 */
import type { SourceConnector } from '@koppel/connector-sdk';
import { checkMyshop } from './check.js';
import { createMyshopClient } from './client.js';
import { decodeMyshopOrder, MYSHOP_SYSTEM } from './decode-order.js';
import { cursorFor, describeCursor, initialCursor } from './poll-cursor.js';
import { type MyshopSession, pollOrders } from './poll-orders.js';
import {
  type MyshopCredentials,
  type MyshopSettings,
  myshopCredentialsSchema,
  myshopSettingsSchema,
} from './settings.js';

export const myshopConnector: SourceConnector<MyshopSettings, MyshopCredentials, MyshopSession> =
  Object.freeze({
    system: MYSHOP_SYSTEM,
    displayName: 'myShop (mijnwinkel.nl)',
    settingsSchema: myshopSettingsSchema,
    credentialsSchema: myshopCredentialsSchema,
    decodeOrder: decodeMyshopOrder,
    poller: Object.freeze({
      // No webhooks: the order pull is the only way orders leave myShop.
      role: 'primary' as const,
      initialCursor,
      poll: pollOrders,
      cursorFor,
      describeCursor,
    }),
    pollingEnabled: (settings: MyshopSettings) => ({ ...settings.polling }),
    openSession(connection, services): MyshopSession {
      return {
        client: createMyshopClient(connection.settings, connection.credentials, services),
        settings: connection.settings,
      };
    },
    check: checkMyshop,
  });
