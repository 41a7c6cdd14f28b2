import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** One product line of a received shop order: the units it takes from the shop's stock. */
export type HeldLine = { sku: string; units: number };

/**
 * Units of shop orders Koppel received, per (connection, order, SKU): while an order is not
 * booked in the target (no `delivered` row in `delivery_ledger` from before the cut-off), its
 * units are "in flight": the shop sold them, the books/POS do not know yet, so they are taken off
 * what the shop is told (packages/stock-sync/README.md, "Never oversell").
 */
export function createStockHoldRepository(db: Kysely<Database>) {
  return {
    /**
     * Records an order's lines once (a re-mapped order, e.g. a status change, keeps its first
     * record and its received time). Lines of one SKU are summed.
     */
    async recordOrder(
      connectionId: string,
      externalOrderId: string,
      lines: readonly HeldLine[],
    ): Promise<void> {
      const bySku = new Map<string, number>();
      for (const line of lines) {
        if (line.sku === '' || line.units <= 0) continue;
        bySku.set(line.sku, (bySku.get(line.sku) ?? 0) + line.units);
      }
      if (bySku.size === 0) return;
      await db
        .insertInto('stock_order_holds')
        .values(
          [...bySku].map(([sku, units]) => ({
            connection_id: connectionId,
            external_order_id: externalOrderId,
            sku,
            units,
          })),
        )
        .onConflict((oc) => oc.columns(['connection_id', 'external_order_id', 'sku']).doNothing())
        .execute();
    },

    /** Forgets holds older than any hold window (`maxMinutes`): they count for nothing any more. */
    async purgeOlderThan(maxMinutes: number): Promise<void> {
      await db
        .deleteFrom('stock_order_holds')
        .where('received_at', '<', sql<Date>`now() - make_interval(mins => ${maxMinutes})`)
        .execute();
    },

    /** The shop cancelled the order before it was booked: it holds nothing any more. */
    async release(connectionId: string, externalOrderId: string): Promise<void> {
      await db
        .updateTable('stock_order_holds')
        .set({ released_at: sql<Date>`now()` })
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .where('released_at', 'is', null)
        .execute();
    },

    /**
     * Units in flight per SKU for a reading that began at `cutoff` (database clock): orders
     * received in the last `holdMinutes`, not released, and not booked in the target before the
     * cut-off. An order booked during the reading still counts (the reading may not show it yet).
     */
    async unitsInFlight(
      connectionId: string,
      cutoff: Date,
      holdMinutes: number,
    ): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('stock_order_holds as h')
        .select(['h.sku', sql<string>`sum(h.units)`.as('units')])
        .where('h.connection_id', '=', connectionId)
        .where('h.released_at', 'is', null)
        .where('h.received_at', '>', sql<Date>`now() - make_interval(mins => ${holdMinutes})`)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('delivery_ledger as d')
                .select('d.external_order_id')
                .whereRef('d.connection_id', '=', 'h.connection_id')
                .whereRef('d.external_order_id', '=', 'h.external_order_id')
                .where('d.state', '=', 'delivered')
                .where('d.updated_at', '<', cutoff),
            ),
          ),
        )
        .groupBy('h.sku')
        .execute();
      return new Map(rows.map((row) => [row.sku, Number(row.units)]));
    },
  };
}

export type StockHoldRepository = ReturnType<typeof createStockHoldRepository>;
