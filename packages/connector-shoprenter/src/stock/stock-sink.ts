/**
 * Shoprenter's stock sink capability (`@koppel/connector-sdk` stock.ts): batches of at most 200
 * pushes, each written through one `/batch` call, within the documented 3 requests/s (the
 * session client's limiter). README.md "Stock".
 */
import type { StockSinkCapability } from '@koppel/connector-sdk';
import type { ShoprenterSession } from '../poll-orders.js';
import { MAX_BATCH_REQUESTS } from './batch-call.js';
import { pushShoprenterStock } from './push-stock.js';

export const shoprenterStockSink: StockSinkCapability<ShoprenterSession> = Object.freeze({
  maxBatchSize: MAX_BATCH_REQUESTS,
  push: pushShoprenterStock,
});
