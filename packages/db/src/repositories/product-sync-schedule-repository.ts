import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ProductSyncSchedulesTable } from '../schema.js';

export type ProductSyncSchedule = {
  connectionId: string;
  intervalSeconds: number;
  nextRunAt: Date;
  /** An operator asked for a run now (the next run is `manual`). */
  runRequested: boolean;
  /** An operator asked for a full resync: the next run sends every product. */
  fullRequested: boolean;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  /** Start of the last completed run; the next incremental run reads changes since then. */
  lastSuccessStartedAt: Date | null;
};

/** A due connection a product-sync runner now holds; `leaseToken` fences every later write. */
export type ProductSyncClaim = ProductSyncSchedule & { leaseToken: string };

function toSchedule(row: Selectable<ProductSyncSchedulesTable>): ProductSyncSchedule {
  return {
    connectionId: row.connection_id,
    intervalSeconds: row.interval_seconds,
    nextRunAt: new Date(row.next_run_at),
    runRequested: row.run_requested,
    fullRequested: row.full_requested,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until ? new Date(row.lease_until) : null,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastSuccessStartedAt: row.last_success_started_at ? new Date(row.last_success_started_at) : null,
  };
}

const secondsFromNow = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

/**
 * One row per connection with product sync on: when it is next due and the lease of the runner
 * working on it, timed by the database clock (as `poll_schedules`), so two replicas never run
 * one connection at once. Claims take due rows with `FOR UPDATE SKIP LOCKED`.
 */
export function createProductSyncScheduleRepository(db: Kysely<Database>) {
  return {
    /** Creates the schedule on first sight (due at once); later only the interval changes. */
    async ensure(connectionId: string, intervalSeconds: number): Promise<void> {
      await db
        .insertInto('product_sync_schedules')
        .values({ connection_id: connectionId, interval_seconds: intervalSeconds })
        .onConflict((oc) =>
          oc
            .column('connection_id')
            .doUpdateSet({ interval_seconds: intervalSeconds })
            .where('product_sync_schedules.interval_seconds', '<>', intervalSeconds),
        )
        .execute();
    },

    /** Takes up to `limit` due connections of one shop system whose lease is free or expired. */
    async claimDue(
      leaseToken: (connectionId: string) => string,
      leaseMs: number,
      limit: number,
      filter: { sourceSystem?: string } = {},
    ): Promise<ProductSyncClaim[]> {
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('product_sync_schedules')
          .select('connection_id')
          .where('next_run_at', '<=', sql<Date>`now()`)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]));
        if (filter.sourceSystem !== undefined) {
          const system = filter.sourceSystem;
          query = query.where(({ exists, selectFrom }) =>
            exists(
              selectFrom('connections')
                .select('connections.id')
                .whereRef('connections.id', '=', 'product_sync_schedules.connection_id')
                .where('connections.source_system', '=', system),
            ),
          );
        }
        const due = await query.orderBy('next_run_at').limit(limit).forUpdate().skipLocked().execute();
        const claims: ProductSyncClaim[] = [];
        for (const { connection_id } of due) {
          const token = leaseToken(connection_id);
          const row = await trx
            .updateTable('product_sync_schedules')
            .set({ lease_owner: token, lease_until: secondsFromNow(leaseMs / 1000) })
            .where('connection_id', '=', connection_id)
            .returningAll()
            .executeTakeFirstOrThrow();
          claims.push({ ...toSchedule(row), leaseToken: token });
        }
        return claims;
      });
    },

    /** Extends a held lease; false when it was lost (the runner must stop before any write). */
    async renew(connectionId: string, leaseToken: string, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('product_sync_schedules')
        .set({ lease_until: secondsFromNow(leaseMs / 1000) })
        .where('connection_id', '=', connectionId)
        .where('lease_owner', '=', leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Records a failed run attempt and frees the lease; the run resumes after `backoffSeconds`. */
    async fail(claim: ProductSyncClaim, error: string, backoffSeconds: number): Promise<void> {
      await db
        .updateTable('product_sync_schedules')
        .set({
          next_run_at: secondsFromNow(backoffSeconds),
          lease_owner: null,
          lease_until: null,
          consecutive_failures: sql<number>`consecutive_failures + 1`,
          last_error: error,
          updated_at: sql<Date>`now()`,
        })
        .where('connection_id', '=', claim.connectionId)
        .where('lease_owner', '=', claim.leaseToken)
        .execute();
    },

    /** Frees the lease without a run (the connection's sync is off or it vanished). */
    async release(claim: ProductSyncClaim): Promise<void> {
      await db
        .updateTable('product_sync_schedules')
        .set({ lease_owner: null, lease_until: null, updated_at: sql<Date>`now()` })
        .where('connection_id', '=', claim.connectionId)
        .where('lease_owner', '=', claim.leaseToken)
        .execute();
    },

    /**
     * An operator's "sync now" (`full`: every product, changed or not). Creates the schedule when
     * the runner has not yet seen the connection.
     */
    async requestRun(
      connectionId: string,
      intervalSeconds: number,
      full: boolean,
    ): Promise<ProductSyncSchedule> {
      const row = await db
        .insertInto('product_sync_schedules')
        .values({
          connection_id: connectionId,
          interval_seconds: intervalSeconds,
          run_requested: true,
          full_requested: full,
        })
        .onConflict((oc) =>
          oc.column('connection_id').doUpdateSet({
            next_run_at: sql<Date>`now()`,
            run_requested: true,
            full_requested: sql<boolean>`product_sync_schedules.full_requested or ${full}`,
            updated_at: sql<Date>`now()`,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSchedule(row);
    },

    async find(connectionId: string): Promise<ProductSyncSchedule | undefined> {
      const row = await db
        .selectFrom('product_sync_schedules')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return row ? toSchedule(row) : undefined;
    },

    async remove(connectionId: string): Promise<void> {
      await db.deleteFrom('product_sync_schedules').where('connection_id', '=', connectionId).execute();
    },
  };
}

export type ProductSyncScheduleRepository = ReturnType<typeof createProductSyncScheduleRepository>;
