import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** What the reader sent for one article: the source figure and the quantity after orders in flight. */
export type StockObservation = {
  sku: string;
  ean: string;
  available: number;
  quantity: number;
  sourceTime: Date;
};

const CHUNK = 1000;

/** Per (connection, SKU), what the stock reader last sent: its change detection's memory. */
export function createStockObservationRepository(db: Kysely<Database>) {
  return {
    /**
     * The last quantity sent per SKU of the connection: of `skus` when given (a change feed's few
     * articles), else of every SKU it has sent so far (a full read).
     */
    async lastQuantities(connectionId: string, skus?: readonly string[]): Promise<Map<string, number>> {
      const result = new Map<string, number>();
      const select = () =>
        db
          .selectFrom('stock_observations')
          .select(['sku', 'quantity'])
          .where('connection_id', '=', connectionId);
      if (skus === undefined) {
        for (const row of await select().execute()) result.set(row.sku, Number(row.quantity));
        return result;
      }
      for (let start = 0; start < skus.length; start += CHUNK) {
        const chunk = skus.slice(start, start + CHUNK);
        for (const row of await select().where('sku', 'in', chunk).execute())
          result.set(row.sku, Number(row.quantity));
      }
      return result;
    },

    /** Records what was sent (after it is on the topic: a crash in between only sends it again). */
    async record(connectionId: string, observations: readonly StockObservation[]): Promise<void> {
      for (let start = 0; start < observations.length; start += CHUNK) {
        const chunk = observations.slice(start, start + CHUNK);
        await db
          .insertInto('stock_observations')
          .values(
            chunk.map((o) => ({
              connection_id: connectionId,
              sku: o.sku,
              ean: o.ean,
              available: o.available,
              quantity: o.quantity,
              source_time: o.sourceTime,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['connection_id', 'sku']).doUpdateSet({
              ean: sql`excluded.ean`,
              available: sql`excluded.available`,
              quantity: sql`excluded.quantity`,
              source_time: sql`excluded.source_time`,
              observed_at: sql`now()`,
            }),
          )
          .execute();
      }
    },
  };
}

export type StockObservationRepository = ReturnType<typeof createStockObservationRepository>;
