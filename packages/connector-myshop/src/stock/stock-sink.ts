/**
 * myShop's stock sink capability (`@koppel/connector-sdk` stock.ts): `stock/update_n` with up to
 * 100 products per signed call, ids from the shop's product list. README.md "Stock".
 */
import type { StockSinkCapability } from '@koppel/connector-sdk';
import { MAX_PAIRS_PER_CALL, pushMyshopStock } from './push-stock.js';
import type { MyshopStockSession } from './stock-session.js';

export const myshopStockSink: StockSinkCapability<MyshopStockSession> = Object.freeze({
  maxBatchSize: MAX_PAIRS_PER_CALL,
  push: pushMyshopStock,
});
