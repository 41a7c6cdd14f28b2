/**
 * The Mplus `stockSource` capability (`@koppel/connector-sdk` stock.ts): a full read paged over
 * the catalogue, and a change feed on `getStockHistory`'s stockId. README "Stock".
 */
import type { StockSourceCapability } from '@koppel/connector-sdk';
import type { MplusSession } from '../session.js';
import { readAllStock } from './read-all-stock.js';
import { initialStockMarker, readStockChanges } from './stock-changes.js';

const now = () => new Date();

const source: StockSourceCapability<MplusSession> = {
  readAll: (session, scope, page) => readAllStock(session, scope, page, now),
  readChanges: {
    initialMarker: (session, scope) => initialStockMarker(session, scope),
    read: (session, scope, marker) => readStockChanges(session, scope, marker, now),
  },
};

export const mplusStockSource: StockSourceCapability<MplusSession> = Object.freeze(source);
