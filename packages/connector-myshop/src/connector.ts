/**
 * The myShop source connector: orders come only by polling the merchant order pull RPC
 * (primary poller), decoded from the order export XML. README.md.
 */
import type { SourceConnector } from '@koppel/connector-sdk';
import { checkMyshop } from './check.js';
import { createMyshopClient } from './client.js';
import { decodeMyshopOrder, MYSHOP_SYSTEM } from './decode-order.js';
import { cursorFor, describeCursor, initialCursor } from './poll-cursor.js';
import { pollOrders } from './poll-orders.js';
import {
  type MyshopCredentials,
  type MyshopSettings,
  myshopCredentialsSchema,
  myshopSettingsSchema,
} from './settings.js';
import { type MyshopStockSession, openMyshopStock } from './stock/stock-session.js';
import { myshopStockSink } from './stock/stock-sink.js';

export const myshopConnector: SourceConnector<MyshopSettings, MyshopCredentials, MyshopStockSession> =
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
    openSession(connection, services): MyshopStockSession {
      const client = createMyshopClient(connection.settings, connection.credentials, services);
      return {
        client,
        settings: connection.settings,
        stock: openMyshopStock(connection.settings, connection.credentials, services, client),
      };
    },
    check: checkMyshop,
    stockSink: myshopStockSink,
  });
