import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, StockReadSchedulesTable } from '../schema.js';
import { createConnectionScheduleRepository, secondsFromNow } from './connection-schedule-repository.js';

export type StockReadSchedule = {
  connectionId: string;
  nextReadAt: Date;
  nextFullResyncAt: Date;
  /** Set by an operator's resync until a full read that began after it completes. */
  resyncRequestedAt: Date | null;
  changeMarker: string | null;
  leaseOwner: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastReadAt: Date | null;
  lastFullResyncAt: Date | null;
};

/** A due connection a reader now holds; `leaseToken` fences every later write. */
export type StockReadClaim = StockReadSchedule & {
  leaseToken: string;
  /** Whether this read must be a full resync (scheduled or asked for). */
  full: boolean;
  /** Database-clock time of the claim: a resync asked for after it is not cleared by this read. */
  claimedAt: Date;
};

const date = (value: Date | string) => new Date(value);
const maybeDate = (value: Date | string | null) => (value === null ? null : new Date(value));

function toSchedule(row: Selectable<StockReadSchedulesTable>): StockReadSchedule {
  return {
    connectionId: row.connection_id,
    nextReadAt: date(row.next_read_at),
    nextFullResyncAt: date(row.next_full_resync_at),
    resyncRequestedAt: maybeDate(row.resync_requested_at),
    changeMarker: row.change_marker,
    leaseOwner: row.lease_owner,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastReadAt: maybeDate(row.last_read_at),
    lastFullResyncAt: maybeDate(row.last_full_resync_at),
  };
}

/**
 * One row per connection whose books/POS report stock: when it is next read, the change-feed
 * marker, the next full resync, and the lease of the reader reading it, so two replicas never read
 * one connection at once. Times are the database clock's. The lease mechanics are shared with
 * `poll_schedules` and `product_sync_schedules` (`connection-schedule-repository.ts`).
 */
export function createStockReadScheduleRepository(db: Kysely<Database>) {
  const leased = createConnectionScheduleRepository(db, {
    table: 'stock_read_schedules',
    dueColumn: 'next_read_at',
    dueWhen: (eb) =>
      eb.or([
        eb('next_read_at', '<=', sql<Date>`now()`),
        eb('next_full_resync_at', '<=', sql<Date>`now()`),
        eb('resync_requested_at', 'is not', null),
      ]),
    fullWhen: sql<boolean>`(resync_requested_at is not null or next_full_resync_at <= now())`,
    toSchedule,
  });
  return {
    /** Creates the schedule on first sight: read and fully resynced at once. */
    async ensure(connectionId: string): Promise<void> {
      await db
        .insertInto('stock_read_schedules')
        .values({ connection_id: connectionId })
        .onConflict((oc) => oc.column('connection_id').doNothing())
        .execute();
    },

    /** The database clock (readings are cut off against it, never the replica's). */
    async now(): Promise<Date> {
      const row = await sql<{ now: Date | string }>`select now() as now`.execute(db);
      const value = row.rows[0]?.now;
      if (value === undefined) throw new Error('the database did not tell its time');
      return new Date(value);
    },

    /** Takes up to `limit` due schedules of connections whose target is `targetSystem`. */
    async claimDue(
      targetSystem: string,
      leaseToken: () => string,
      leaseMs: number,
      limit: number,
    ): Promise<StockReadClaim[]> {
      const claims = await leased.claimDue({
        leaseToken,
        leaseMs,
        limit,
        connection: { column: 'target_system', value: targetSystem },
      });
      return claims.map((claim) => ({
        ...claim.schedule,
        leaseToken: claim.leaseToken,
        full: claim.full,
        claimedAt: claim.claimedAt,
      }));
    },

    /** Extends a held lease; false when it was lost (the reader must stop before publishing). */
    renew: leased.renew,

    /**
     * Records a completed read and frees the lease: the new marker, the next read after
     * `intervalSeconds` (at once with `readAgainNow`), and after a full read the next scheduled
     * resync; a resync asked for after the claim stays asked for. False when the lease was lost.
     */
    async complete(
      claim: StockReadClaim,
      outcome: {
        marker: string | null;
        intervalSeconds: number;
        readAgainNow: boolean;
        fullResyncMinutes: number;
      },
    ): Promise<boolean> {
      return leased.complete(claim, (update) => {
        const read = update
          .set('change_marker', outcome.marker)
          .set(
            'next_read_at',
            outcome.readAgainNow ? sql<Date>`now()` : secondsFromNow(outcome.intervalSeconds),
          )
          .set('last_read_at', sql<Date>`now()`);
        if (!claim.full) return read;
        return read
          .set('next_full_resync_at', secondsFromNow(outcome.fullResyncMinutes * 60))
          .set('last_full_resync_at', sql<Date>`now()`)
          .set('resync_requested_at', (eb) =>
            eb
              .case()
              // claimedAt came back through a JS Date (milliseconds) while Postgres keeps
              // microseconds: a request in the claim's own millisecond counts as before it.
              .when('resync_requested_at', '<', new Date(claim.claimedAt.getTime() + 1))
              .then(sql<Date | null>`null`)
              .else(eb.ref('resync_requested_at'))
              .end(),
          );
      });
    },

    /** Records a failed read and frees the lease; the next try waits `backoffSeconds`. */
    async fail(claim: StockReadClaim, error: string, backoffSeconds: number): Promise<void> {
      await leased.fail(claim, error, backoffSeconds, (update) =>
        // A due full resync waits out the backoff too, instead of being retried at every tick.
        update.set(
          'next_full_resync_at',
          sql<Date>`greatest(next_full_resync_at, now() + make_interval(secs => ${backoffSeconds}))`,
        ),
      );
    },

    /** Frees the lease of a read cut short (a shutdown): marker and due times unchanged. */
    release: leased.release,

    /** An operator's resync: the next read of the connection sends every article. */
    async requestResync(connectionId: string): Promise<StockReadSchedule> {
      const row = await db
        .insertInto('stock_read_schedules')
        .values({ connection_id: connectionId, resync_requested_at: sql<Date>`now()` })
        .onConflict((oc) =>
          oc.column('connection_id').doUpdateSet({
            resync_requested_at: sql<Date>`now()`,
            next_read_at: sql<Date>`now()`,
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

export type StockReadScheduleRepository = ReturnType<typeof createStockReadScheduleRepository>;
