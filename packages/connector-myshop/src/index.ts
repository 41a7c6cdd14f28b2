/**
 * myShop (mijnwinkel.nl) source connector: the merchant order pull RPC (rpc id handshake, sha1
 * pk, change_time cursor) as the primary poller, and the export XML decoded into the canonical
 * order. The export's element names are assumed (assumed-fields.ts, README).
 */
export {
  ASSUMED_FIELDS,
  ORDER_STATUS_IDS,
  PAYMENT_STATUS_CODES,
  SHOP_TIME_ZONE,
} from './assumed-fields.js';
export { IP_ALLOWLIST_NOTE } from './check.js';
export { createMyshopClient, HANDSHAKES_PER_CALL, type MyshopClient, readRpcId } from './client.js';
export { myshopConnector } from './connector.js';
export { decodeMyshopOrder, MYSHOP_SYSTEM } from './decode-order.js';
export { myshopErrors } from './errors.js';
export { parseExport } from './export-xml.js';
export { ordersListPk, sha1Hex } from './pk.js';
export {
  cursorFor,
  describeCursor,
  formatCursor,
  INITIAL_LOOKBACK_MS,
  initialCursor,
  parseCursor,
  type PollCursor,
} from './poll-cursor.js';
export {
  type MyshopSession,
  ORDER_CHANGED,
  ORDERS_PER_POLL,
  orderEventKey,
  pollOrders,
} from './poll-orders.js';
export {
  DEFAULT_RPC_BASE_URL,
  type MyshopCredentials,
  type MyshopSettings,
  myshopCredentialsSchema,
  myshopSettingsSchema,
} from './settings.js';
export { changeTimeToUtc, toChangeTime } from './shop-time.js';
export { PRODUCT_LIST_NAMES, readProductList } from './stock/product-list.js';
export { MAX_PAIRS_PER_CALL, REREAD_AFTER_MS } from './stock/push-stock.js';
export { readFirstZipEntry } from './stock/read-zip-entry.js';
export { productListPk, stockUpdatePk } from './stock/stock-pk.js';
export type { MyshopStockSession } from './stock/stock-session.js';
export { myshopStockSink } from './stock/stock-sink.js';
