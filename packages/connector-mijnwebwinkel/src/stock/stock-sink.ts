/**
 * Mijnwebwinkel's stock sink capability (`@koppel/connector-sdk` stock.ts): article and variant
 * stock by SKU or EAN, one PATCH per article within the paced client's rate. README.md "Stock".
 */
import type { StockSinkCapability } from '@koppel/connector-sdk';
import { MAX_PUSHES_PER_CALL, pushMijnwebwinkelStock } from './push-stock.js';
import type { MijnwebwinkelStockSession } from './stock-session.js';

export const mijnwebwinkelStockSink: StockSinkCapability<MijnwebwinkelStockSession> = Object.freeze({
  maxBatchSize: MAX_PUSHES_PER_CALL,
  push: pushMijnwebwinkelStock,
});
