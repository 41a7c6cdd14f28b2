/**
 * Mijnwebwinkel (MyOnlineStore Connect API) source connector: polls orders by the next order
 * number to import, follows status changes, decodes the Order resource into the canonical order.
 */
export { type MijnwebwinkelOrder, mijnwebwinkelOrderSchema } from './api-schemas.js';
export { checkMijnwebwinkel } from './check.js';
export { createMijnwebwinkelClient, type MijnwebwinkelClient, parseRetryAfter } from './client.js';
export { mijnwebwinkelConnector } from './connector.js';
export { decodeMijnwebwinkelOrder, MIJNWEBWINKEL_SYSTEM } from './decode-order.js';
export { mijnwebwinkelErrors } from './errors.js';
export { orderEventKey } from './event-key.js';
export { lineKindOf, linesFromGross, mapOrderLines } from './map-order-lines.js';
export { splitAddressLine, splitHouseNumber, splitName } from './map-order-parties.js';
export {
  cursorFor,
  describeCursor,
  formatCursor,
  initialCursor,
  type PollCursor,
  parseCursor,
} from './poll-cursor.js';
export { EVENTS_PER_POLL, type MijnwebwinkelSession, PAGE_LIMIT, pollOrders } from './poll-orders.js';
export {
  type MijnwebwinkelCredentials,
  type MijnwebwinkelSettings,
  mijnwebwinkelCredentialsSchema,
  mijnwebwinkelSettingsSchema,
} from './settings.js';
export { ARTICLES_PER_UPSERT, mijnwebwinkelProductSink } from './products/product-sink.js';
export type { MijnwebwinkelProductSession } from './products/product-session.js';
export { shopPriceOf } from './products/shop-price.js';
export { shopLocalToUtc, toShopLocal } from './shop-time.js';
export { groupByArticle, MAX_PUSHES_PER_CALL } from './stock/push-stock.js';
export { REREAD_AFTER_MS } from './stock/read-catalogue.js';
export { REQUESTS_PER_SECOND } from './stock/stock-client.js';
export type { MijnwebwinkelStockSession } from './stock/stock-session.js';
export { mijnwebwinkelStockSink } from './stock/stock-sink.js';
export * from './target/index.js';
