/**
 * Shoprenter source connector: splits order webhooks (JSON or XML) into one event per order
 * and decodes each into the canonical order.
 */
export { budapestLocalToUtc } from './budapest-time.js';
export { decodeShoprenterOrder, SHOPRENTER_SYSTEM } from './decode-order.js';
export {
  inferEventType,
  ORDER_CONFIRM,
  ORDER_STATUS_CHANGE,
  type ShoprenterEventType,
} from './event-type.js';
export {
  type ShoprenterOrder,
  type ShoprenterOrderProduct,
  type ShoprenterWebhookPayload,
  shoprenterOrderSchema,
  shoprenterWebhookPayloadSchema,
} from './order-payload-schema.js';
export { shoprenterConnector } from './shoprenter-connector.js';
export { mapShoprenterStatus, type StatusMapping } from './shoprenter-status-table.js';
export { splitShoprenterWebhook } from './split-webhook.js';
