/**
 * Shoprenter source connector: splits order webhooks (JSON or XML) into one event per order,
 * polls the REST API as a reconciliation net, and decodes both into the canonical order.
 */
export { budapestLocalToUtc } from './budapest-time.js';
export { decodeShoprenterOrder, SHOPRENTER_SYSTEM } from './decode-order.js';
export { type ShoprenterClient, createShoprenterClient } from './client.js';
export { orderEventKey } from './event-key.js';
export { shoprenterErrors } from './errors.js';
export { restOrderToEvent, restOrderToPayload, type RestOrderBundle } from './map-rest-order.js';
export {
  cursorFor,
  describeCursor,
  formatCursor,
  initialCursor,
  parseCursor,
  type PollCursor,
  toShopLocal,
} from './poll-cursor.js';
export { ORDERS_PER_POLL, pollOrders, type ShoprenterSession } from './poll-orders.js';
export {
  type ShoprenterCredentials,
  type ShoprenterSettings,
  shoprenterCredentialsSchema,
  shoprenterSettingsSchema,
  shoprenterSourceSchema,
  writesBack,
} from './settings.js';
export {
  ABANDONED_CART,
  eventTypeOf,
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
export { netOfGross, netPriceOf } from './products/net-price.js';
export { PRODUCTS_PER_UPSERT, shoprenterProductSink } from './products/product-sink.js';
export { shoprenterConnector } from './shoprenter-connector.js';
export { mapShoprenterStatus, type StatusMapping } from './shoprenter-status-table.js';
export { splitShoprenterWebhook } from './split-webhook.js';
export { EAN_RESCAN_MS } from './stock/resolve-product-ids.js';
export { STOCK_FIELD } from './stock/push-stock.js';
export { shoprenterStockSink } from './stock/stock-sink.js';
export { writeBackOrder } from './write-back.js';
