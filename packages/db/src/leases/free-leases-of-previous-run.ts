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
  await db.transaction().execute(async (trx) => {
    for (const [table, free] of Object.entries(freeingStatements(trx))) {
      const { numUpdatedRows } = await free.executeTakeFirst();
      if (numUpdatedRows > 0n) freed[table] = Number(numUpdatedRows);
    }
  });
  return freed;
}

/** Per table, the update that frees whatever lease or claim its rows hold. */
function freeingStatements(db: Kysely<Database>) {
  /** The tables whose lease is an owner token and an end time. */
  const owned = (
    table: 'poll_schedules' | 'stock_read_schedules' | 'product_sync_schedules' | 'stock_applied',
  ) =>
    db.updateTable(table).set({ lease_owner: null, lease_until: null }).where('lease_owner', 'is not', null);
  return {
    inbox: db
      .updateTable('inbox')
      .set({ claim_token: null, claimed_until: null })
      .where('claimed_until', 'is not', null),
    debtor_bindings: db
      .updateTable('debtor_bindings')
      .set({ claimed_until: null, updated_at: sql`now()` })
      .where('claimed_until', 'is not', null),
    delivery_ledger: db
      .updateTable('delivery_ledger')
      .set({ lease_until: null, updated_at: sql`now()` })
      .where('lease_until', 'is not', null),
    poll_schedules: owned('poll_schedules'),
    stock_read_schedules: owned('stock_read_schedules'),
    product_sync_schedules: owned('product_sync_schedules'),
    stock_applied: owned('stock_applied'),
    maintenance_leases: db
      .updateTable('maintenance_leases')
      .set({ lease_until: sql`now()` })
      .where('lease_until', '>', sql<Date>`now()`),
  };
}
