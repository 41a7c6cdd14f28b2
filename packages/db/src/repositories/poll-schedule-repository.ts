import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PollSchedulesTable } from '../schema.js';
import {
  type ConnectionScheduleTable,
  createConnectionScheduleRepository,
} from './connection-schedule-repository.js';

export type PollSchedule = {
  connectionId: string;
  cursor: string;
  cursorVersion: number;
  intervalSeconds: number;
  nextPollAt: Date;
  /** Set while a poller holds the connection; each claim has its own token. */
  leaseOwner: string | null;
  leaseUntil: Date | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastPolledAt: Date | null;
};

/** A due connection a poller now holds; `leaseToken` fences every later write. */
export type PollClaim = PollSchedule & { leaseToken: string };

function toSchedule(row: Selectable<PollSchedulesTable>): PollSchedule {
  return {
    connectionId: row.connection_id,
    cursor: row.cursor,
    cursorVersion: row.cursor_version,
    intervalSeconds: row.interval_seconds,
    nextPollAt: new Date(row.next_poll_at),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until ? new Date(row.lease_until) : null,
    consecutiveFailures: row.consecutive_failures,
    lastError: row.last_error,
    lastPolledAt: row.last_polled_at ? new Date(row.last_polled_at) : null,
  };
}

/**
 * One row per polled connection: its cursor, when it is next due, and the lease of the poller
 * polling it (claims, renewals and releases: `connection-schedule-repository.ts`). The cursor only
 * moves through `advance` (after the events are on the topic) or an operator's `reset`, which
 * bumps `cursor_version` so a poll running meanwhile cannot undo it.
 */
export function createPollScheduleRepository(db: Kysely<Database>) {
  const leased = createConnectionScheduleRepository(db, {
    table: 'poll_schedules',
    dueColumn: 'next_poll_at',
    toSchedule,
  });
  return {
    /** Creates the schedule on first sight (cursor = `initialCursor`); later only the interval changes. */
    async ensure(connectionId: string, initialCursor: string, intervalSeconds: number): Promise<void> {
      await db
        .insertInto('poll_schedules')
        .values({ connection_id: connectionId, cursor: initialCursor, interval_seconds: intervalSeconds })
        .onConflict((oc) =>
          oc
            .column('connection_id')
            .doUpdateSet({ interval_seconds: intervalSeconds })
            .where('poll_schedules.interval_seconds', '<>', intervalSeconds),
        )
        .execute();
    },

    /**
     * Takes up to `limit` due connections whose lease is free or expired; with `sourceSystem`,
     * only connections of that source system (each system's poller claims its own, so a poller
     * never holds, and delays, another system's schedule).
     */
    claimDue: leased.claimDueOfSource,

    /** Extends a held lease; false when it was lost (the poller must stop before any write). */
    renew: leased.renew,

    /**
     * Stores the cursor after a successful poll (unless an operator reset it meanwhile: then the
     * reset cursor stays and is due at once) and frees the lease. `pollAgainNow` when the source
     * said there is more. False, changing nothing, when the lease token is no longer held.
     */
    async advance(claim: PollClaim, nextCursor: string, pollAgainNow: boolean): Promise<boolean> {
      const sameVersion = (eb: ExpressionBuilder<Database, ConnectionScheduleTable>) =>
        eb.case().when('cursor_version', '=', claim.cursorVersion);
      return leased.complete(claim, (update) =>
        update
          .set('cursor', (eb) => sameVersion(eb).then(nextCursor).else(eb.ref('cursor')).end())
          // After an operator's reset the reset cursor is polled at once, as `reset` promised.
          .set('next_poll_at', (eb) =>
            sameVersion(eb)
              .then(
                pollAgainNow ? sql<Date>`now()` : sql<Date>`now() + make_interval(secs => interval_seconds)`,
              )
              .else(sql<Date>`now()`)
              .end(),
          )
          .set('last_polled_at', sql<Date>`now()`),
      );
    },

    /** Records a failed poll and frees the lease; the next try waits `backoffSeconds`. */
    async fail(claim: PollClaim, error: string, backoffSeconds: number): Promise<void> {
      await leased.fail(claim, error, backoffSeconds);
    },

    /** Frees the lease of a poll cut short (a shutdown): cursor and due time unchanged. */
    release: leased.release,

    find: leased.find,

    /** An operator's reset: the cursor moves and the connection is polled at once. */
    async reset(connectionId: string, cursor: string): Promise<PollSchedule | undefined> {
      const row = await db
        .updateTable('poll_schedules')
        .set({
          cursor,
          cursor_version: sql<number>`cursor_version + 1`,
          next_poll_at: sql<Date>`now()`,
          consecutive_failures: 0,
          last_error: null,
          updated_at: sql<Date>`now()`,
        })
        .where('connection_id', '=', connectionId)
        .returningAll()
        .executeTakeFirst();
      return row ? toSchedule(row) : undefined;
    },

    /** Polls the connection at once (an operator's "poll now"). */
    async pollNow(connectionId: string): Promise<void> {
      await db
        .updateTable('poll_schedules')
        .set({ next_poll_at: sql<Date>`now()` })
        .where('connection_id', '=', connectionId)
        .execute();
    },

    remove: leased.remove,
  };
}

export type PollScheduleRepository = ReturnType<typeof createPollScheduleRepository>;
