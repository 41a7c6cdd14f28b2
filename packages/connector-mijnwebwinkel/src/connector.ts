/**
 * The Mijnwebwinkel source connector: the Connect API has no webhooks, so orders come only by a
 * primary poll on "the next order number to import" (README).
 */
import type { SourceConnector } from '@koppel/connector-sdk';
import { checkMijnwebwinkel } from './check.js';
import { createMijnwebwinkelClient } from './client.js';
import { decodeMijnwebwinkelOrder, MIJNWEBWINKEL_SYSTEM } from './decode-order.js';
import { cursorFor, describeCursor, initialCursor } from './poll-cursor.js';
import { pollOrders } from './poll-orders.js';
import {
  type MijnwebwinkelCredentials,
  type MijnwebwinkelSettings,
  mijnwebwinkelCredentialsSchema,
  mijnwebwinkelSettingsSchema,
} from './settings.js';
import { mijnwebwinkelProductSink } from './products/product-sink.js';
import { type MijnwebwinkelProductSession, openMijnwebwinkelProducts } from './products/product-session.js';
import { mijnwebwinkelStockSink } from './stock/stock-sink.js';
import { openMijnwebwinkelStock } from './stock/stock-session.js';

export const mijnwebwinkelConnector: SourceConnector<
  MijnwebwinkelSettings,
  MijnwebwinkelCredentials,
  MijnwebwinkelProductSession
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
  openSession(connection, services): MijnwebwinkelProductSession {
    return {
      client: createMijnwebwinkelClient(connection.settings, connection.credentials, services),
      settings: connection.settings,
      now: () => services.now(),
      stock: openMijnwebwinkelStock(connection.settings, connection.credentials, services),
      products: openMijnwebwinkelProducts(connection.settings, connection.credentials, services),
    };
  },
  check: checkMijnwebwinkel,
  stockSink: mijnwebwinkelStockSink,
  productSink: mijnwebwinkelProductSink,
});
