/**
 * Journey entries of the stock pipeline (a failed read or push, articles the shop does not know)
 * are kept under this external order id, so the activity log shows them beside the orders, as
 * the poller's `_poller` entries are.
 */
export const STOCK_JOURNEY_ORDER_ID = '_stock';
