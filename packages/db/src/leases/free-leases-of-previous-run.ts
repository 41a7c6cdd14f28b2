import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** How many leases and claims each table had held, by table (only tables that had some). */
export type FreedLeases = Partial<Record<string, number>>;

/**
 * Frees every lease and claim in the database at start-up, for a process that owns the database
 * alone: the embedded mode, whose PGlite folder one process holds (services/embedded's data-folder
 * lock). Whatever holds a lease then is a previous run of this process that was killed, so its
 * work is taken over at once instead of after each lease's term (40 s for a debtor claim, a
 * minute for a poll). Taking over early is as safe as taking over at expiry: the fencing tokens
 * are kept, and every path that takes over a lapsed lease already looks the target up first
 * (document number, debtor) because the old holder may have sent its request.
 *
 * Never call this where replicas share the database (the Kafka mode): a lease there may be a live
 * replica's.
 */
export async function freeLeasesOfPreviousRun(db: Kysely<Database>): Promise<FreedLeases> {
  const freed: FreedLeases = {};
  const count = (table: string, rows: { numUpdatedRows: bigint }) => {
    if (rows.numUpdatedRows > 0n) freed[table] = Number(rows.numUpdatedRows);
  };
  await db.transaction().execute(async (trx) => {
    count(
      'inbox',
      await trx
        .updateTable('inbox')
        .set({ claim_token: null, claimed_until: null })
        .where('claimed_until', 'is not', null)
        .executeTakeFirst(),
    );
    count(
      'debtor_bindings',
      await trx
        .updateTable('debtor_bindings')
        .set({ claimed_until: null, updated_at: sql`now()` })
        .where('claimed_until', 'is not', null)
        .executeTakeFirst(),
    );
    count(
      'delivery_ledger',
      await trx
        .updateTable('delivery_ledger')
        .set({ lease_until: null, updated_at: sql`now()` })
        .where('lease_until', 'is not', null)
        .executeTakeFirst(),
    );
    for (const table of ['poll_schedules', 'stock_read_schedules', 'product_sync_schedules'] as const) {
      count(
        table,
        await trx
          .updateTable(table)
          .set({ lease_owner: null, lease_until: null })
          .where('lease_owner', 'is not', null)
          .executeTakeFirst(),
      );
    }
    count(
      'stock_applied',
      await trx
        .updateTable('stock_applied')
        .set({ lease_owner: null, lease_until: null })
        .where('lease_owner', 'is not', null)
        .executeTakeFirst(),
    );
    count(
      'maintenance_leases',
      await trx
        .updateTable('maintenance_leases')
        .set({ lease_until: sql`now()` })
        .where('lease_until', '>', sql<Date>`now()`)
        .executeTakeFirst(),
    );
  });
  return freed;
}
