import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ProductSyncSchedulesTable } from '../schema.js';
import { createConnectionScheduleRepository } from './connection-schedule-repository.js';

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

/**
 * One row per connection with product sync on: when it is next due and the lease of the runner
 * working on it, timed by the database clock, so two replicas never run one connection at once
 * (claims, renewals and releases: `connection-schedule-repository.ts`). A completed run frees the
 * lease in `product-sync-run-repository.ts`, in the transaction that finishes the run.
 */
export function createProductSyncScheduleRepository(db: Kysely<Database>) {
  const leased = createConnectionScheduleRepository(db, {
    table: 'product_sync_schedules',
    dueColumn: 'next_run_at',
    toSchedule,
  });
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
    claimDue: leased.claimDueOfSource,

    /** Extends a held lease; false when it was lost (the runner must stop before any write). */
    renew: leased.renew,

    /** Records a failed run attempt and frees the lease; the run resumes after `backoffSeconds`. */
    async fail(claim: ProductSyncClaim, error: string, backoffSeconds: number): Promise<void> {
      await leased.fail(claim, error, backoffSeconds);
    },

    /** Frees the lease without a run (the connection's sync is off or it vanished). */
    release: leased.release,

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

    find: leased.find,

    remove: leased.remove,
  };
}

export type ProductSyncScheduleRepository = ReturnType<typeof createProductSyncScheduleRepository>;
