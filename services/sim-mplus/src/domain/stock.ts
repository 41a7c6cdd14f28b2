import { ASSUMPTIONS } from './assumptions.js';
import { stockEntry } from './catalog.js';
import type { SimulatorState, StockEntry, StockHistoryEntry } from './model.js';

/**
 * Stock mutations (control API; the real `setStock`/`updateStock` of notes §3.6) each get a new
 * global stockId and a history entry, which is what `sinceStockId` sync relies on. `set` is a
 * stock count: the physical stock (free + reserved) becomes the amount, so free = amount − reserved.
 */
export function mutateStock(
  state: SimulatorState,
  branchNumber: number,
  articleNumber: number,
  change: { set?: number; add?: number },
  now: Date,
): StockEntry {
  const entry = stockEntry(state, branchNumber, articleNumber, now);
  const free = change.set !== undefined ? change.set - entry.reserved : entry.free + (change.add ?? 0);
  const type =
    change.set !== undefined ? ASSUMPTIONS.stockHistoryTypes.set : ASSUMPTIONS.stockHistoryTypes.adjust;
  return recordChange(
    state,
    { branchNumber, articleNumber, entry, free, reserved: entry.reserved, type },
    now,
  );
}

/**
 * An order reserves stock (vendor stock tutorial, https://developers.mpluskassa.nl/tutorials/stock:
 * `amountFree` is "the available stock that can be safely sold", `amountReserved` "the stock that
 * is currently reserved in undelivered orders"): free goes down and reserved up by the quantity,
 * as one stock change with its own stockId and a SALES history row naming the order.
 */
export function reserveStock(
  state: SimulatorState,
  branchNumber: number,
  articleNumber: number,
  quantity: number,
  orderId: string,
  now: Date,
): StockEntry {
  const entry = stockEntry(state, branchNumber, articleNumber, now);
  return recordChange(
    state,
    {
      branchNumber,
      articleNumber,
      entry,
      free: entry.free - quantity,
      reserved: entry.reserved + quantity,
      type: ASSUMPTIONS.stockHistoryTypes.order,
      orderId,
    },
    now,
  );
}

/** Applies new figures with the next global stockId; the history row carries the change of free stock. */
function recordChange(
  state: SimulatorState,
  change: {
    branchNumber: number;
    articleNumber: number;
    entry: StockEntry;
    free: number;
    reserved: number;
    type: string;
    orderId?: string;
  },
  now: Date,
): StockEntry {
  const { entry } = change;
  const before = entry.free;
  entry.free = change.free;
  entry.reserved = change.reserved;
  state.counters.stockId += 1;
  entry.stockId = state.counters.stockId;
  entry.changeTimestamp = now.toISOString();
  state.stockHistory.push({
    stockId: entry.stockId,
    timestamp: entry.changeTimestamp,
    branchNumber: change.branchNumber,
    articleNumber: change.articleNumber,
    amountChanged: entry.free - before,
    type: change.type,
    ...(change.orderId !== undefined ? { orderId: change.orderId } : {}),
  });
  return entry;
}

export type StockRow = StockEntry & { branchNumber: number; articleNumber: number };

/** getStock: one branch (or several), all stock articles when no article numbers are given. */
export function queryStock(
  state: SimulatorState,
  q: { branchNumbers: number[]; articleNumbers: number[]; stockId?: number },
): StockRow[] {
  const rows: StockRow[] = [];
  for (const product of state.products) {
    for (const article of product.articles) {
      if (!article.stockArticle) continue;
      if (q.articleNumbers.length > 0 && !q.articleNumbers.includes(article.articleNumber)) continue;
      for (const branchNumber of q.branchNumbers) {
        const entry = state.stock[`${branchNumber}:${article.articleNumber}`] ?? {
          free: 0,
          reserved: 0,
          incoming: 0,
          changeTimestamp: product.changeTimestamp,
          stockId: 0,
        };
        if (q.stockId !== undefined && entry.stockId <= q.stockId) continue;
        rows.push({ ...entry, branchNumber, articleNumber: article.articleNumber });
      }
    }
  }
  return rows;
}

/** getStockHistory: by branch, optional articles, financial date range and `sinceStockId` (+ limit). */
export function queryStockHistory(
  state: SimulatorState,
  q: {
    branchNumber: number;
    articleNumbers: number[];
    from?: string;
    through?: string;
    sinceStockId?: number;
    limit?: number;
  },
): StockHistoryEntry[] {
  const rows = state.stockHistory
    .filter((h) => h.branchNumber === q.branchNumber)
    .filter((h) => q.articleNumbers.length === 0 || q.articleNumbers.includes(h.articleNumber))
    .filter(
      (h) =>
        (q.from === undefined || h.timestamp >= q.from) &&
        (q.through === undefined || h.timestamp <= q.through),
    )
    .filter((h) => q.sinceStockId === undefined || h.stockId > q.sinceStockId)
    .sort((a, b) => a.stockId - b.stockId);
  return q.limit !== undefined && q.limit > 0 ? rows.slice(0, q.limit) : rows;
}
