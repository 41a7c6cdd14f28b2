import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, StockReadSchedulesTable } from '../schema.js';

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
const secondsFromNow = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

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
 * one connection at once. Times are the database clock's. Modelled on `poll_schedules`.
 */
export function createStockReadScheduleRepository(db: Kysely<Database>) {
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
      return db.transaction().execute(async (trx) => {
        const due = await trx
          .selectFrom('stock_read_schedules')
          .select('connection_id')
          .where((eb) =>
            eb.or([
              eb('next_read_at', '<=', sql<Date>`now()`),
              eb('next_full_resync_at', '<=', sql<Date>`now()`),
              eb('resync_requested_at', 'is not', null),
            ]),
          )
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('connections')
                .select('connections.id')
                .whereRef('connections.id', '=', 'stock_read_schedules.connection_id')
                .where('connections.target_system', '=', targetSystem),
            ),
          )
          .orderBy('next_read_at')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .execute();
        const claims: StockReadClaim[] = [];
        for (const { connection_id } of due) {
          const token = leaseToken();
          const row = await trx
            .updateTable('stock_read_schedules')
            .set({ lease_owner: token, lease_until: secondsFromNow(leaseMs / 1000) })
            .where('connection_id', '=', connection_id)
            .returningAll()
            .returning([
              sql<boolean>`(resync_requested_at is not null or next_full_resync_at <= now())`.as('full'),
              sql<Date>`now()`.as('claimed_at'),
            ])
            .executeTakeFirstOrThrow();
          claims.push({
            ...toSchedule(row),
            leaseToken: token,
            full: row.full,
            claimedAt: new Date(row.claimed_at),
          });
        }
        return claims;
      });
    },

    /** Extends a held lease; false when it was lost (the reader must stop before publishing). */
    async renew(connectionId: string, leaseToken: string, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('stock_read_schedules')
        .set({ lease_until: secondsFromNow(leaseMs / 1000) })
        .where('connection_id', '=', connectionId)
        .where('lease_owner', '=', leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

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
      const result = await db
        .updateTable('stock_read_schedules')
        .set((eb) => ({
          change_marker: outcome.marker,
          next_read_at: outcome.readAgainNow ? sql<Date>`now()` : secondsFromNow(outcome.intervalSeconds),
          ...(claim.full
            ? {
                next_full_resync_at: secondsFromNow(outcome.fullResyncMinutes * 60),
                last_full_resync_at: sql<Date>`now()`,
                resync_requested_at: eb
                  .case()
                  // claimedAt came back through a JS Date (milliseconds) while Postgres keeps
                  // microseconds: a request in the claim's own millisecond counts as before it.
                  .when('resync_requested_at', '<', new Date(claim.claimedAt.getTime() + 1))
                  .then(sql<Date | null>`null`)
                  .else(eb.ref('resync_requested_at'))
                  .end(),
              }
            : {}),
          lease_owner: null,
          lease_until: null,
          consecutive_failures: 0,
          last_error: null,
          last_read_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        }))
        .where('connection_id', '=', claim.connectionId)
        .where('lease_owner', '=', claim.leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Records a failed read and frees the lease; the next try waits `backoffSeconds`. */
    async fail(claim: StockReadClaim, error: string, backoffSeconds: number): Promise<void> {
      await db
        .updateTable('stock_read_schedules')
        .set({
          next_read_at: secondsFromNow(backoffSeconds),
          // A due full resync waits out the backoff too, instead of being retried at every tick.
          next_full_resync_at: sql<Date>`greatest(next_full_resync_at, now() + make_interval(secs => ${backoffSeconds}))`,
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

    async find(connectionId: string): Promise<StockReadSchedule | undefined> {
      const row = await db
        .selectFrom('stock_read_schedules')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return row ? toSchedule(row) : undefined;
    },

    async remove(connectionId: string): Promise<void> {
      await db.deleteFrom('stock_read_schedules').where('connection_id', '=', connectionId).execute();
    },
  };
}

export type StockReadScheduleRepository = ReturnType<typeof createStockReadScheduleRepository>;
