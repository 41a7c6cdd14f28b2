/** The Shoprenter source connector: pure split and decode, no I/O. */
import type { SourceConnector } from '@koppel/connector-sdk';
import { decodeShoprenterOrder, SHOPRENTER_SYSTEM } from './decode-order.js';
import { splitShoprenterWebhook } from './split-webhook.js';
import { JSON_CONTENT_TYPES, XML_CONTENT_TYPES } from './webhook-body-parser.js';

export const shoprenterConnector: SourceConnector = Object.freeze({
  system: SHOPRENTER_SYSTEM,
  // Shoprenter signs no store webhooks; the URL carries an unguessable secret instead.
  // https://doc.shoprenter.hu/development/api/07_webhook.html
  webhookAuthentication: 'url-secret',
  acceptedContentTypes: Object.freeze([...JSON_CONTENT_TYPES, ...XML_CONTENT_TYPES]),
  splitWebhook: splitShoprenterWebhook,
  decodeOrder: decodeShoprenterOrder,
});
