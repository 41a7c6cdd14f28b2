/**
 * The Shoprenter source connector: webhooks (pushed, at most once) plus an optional
 * reconciliation poll over the REST API that catches orders whose webhook never came, and an
 * optional write-back of the booked invoice number (and a status) into the shop's order.
 */
import type { SourceConnector } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { checkShoprenter } from './check-connection.js';
import { createShoprenterClient } from './client.js';
import { decodeShoprenterOrder, SHOPRENTER_SYSTEM } from './decode-order.js';
import { cursorFor, describeCursor, initialCursor } from './poll-cursor.js';
import { pollOrders, type ShoprenterSession } from './poll-orders.js';
import {
  type ShoprenterCredentials,
  type ShoprenterSettings,
  shoprenterCredentialsSchema,
  shoprenterSettingsSchema,
  shoprenterSourceSchema,
} from './settings.js';
import { splitShoprenterWebhook } from './split-webhook.js';
import { shoprenterProductSink } from './products/product-sink.js';
import { shoprenterStockSink } from './stock/stock-sink.js';
import { JSON_CONTENT_TYPES, XML_CONTENT_TYPES } from './webhook-body-parser.js';
import { writeBackOrder } from './write-back.js';

export const shoprenterConnector: SourceConnector<
  ShoprenterSettings,
  ShoprenterCredentials,
  ShoprenterSession
> = Object.freeze({
  system: SHOPRENTER_SYSTEM,
  displayName: 'Shoprenter',
  settingsSchema: shoprenterSettingsSchema,
  credentialsSchema: shoprenterCredentialsSchema,
  connectionSchema: shoprenterSourceSchema,
  decodeOrder: decodeShoprenterOrder,
  webhook: Object.freeze({
    // Shoprenter signs no store webhooks; the URL carries an unguessable secret instead.
    // https://doc.shoprenter.hu/development/api/07_webhook.html
    authentication: 'url-secret' as const,
    acceptedContentTypes: Object.freeze([...JSON_CONTENT_TYPES, ...XML_CONTENT_TYPES]),
    split: splitShoprenterWebhook,
  }),
  poller: Object.freeze({
    // Webhooks are at most once and undocumented as to retries (README.md): poll as a net.
    role: 'reconciliation' as const,
    initialCursor,
    poll: pollOrders,
    cursorFor,
    describeCursor,
  }),
  pollingEnabled: (settings: ShoprenterSettings) => ({ ...settings.polling }),
  openSession(connection, services): ShoprenterSession {
    const checked = shoprenterSourceSchema.safeParse({
      settings: connection.settings,
      credentials: connection.credentials,
    });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const field = `source.${issue?.path.join('.') ?? 'credentials'}`;
      throw appError('VALIDATION_FAILED', `${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    return {
      client: createShoprenterClient(connection.settings, connection.credentials, services),
      settings: connection.settings,
      statuses: new Map(),
    };
  },
  check: checkShoprenter,
  writeBack: writeBackOrder,
  stockSink: shoprenterStockSink,
  productSink: shoprenterProductSink,
});
