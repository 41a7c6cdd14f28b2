import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, PollSchedulesTable } from '../schema.js';

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

/** Which due schedules a `claimDue` may take. */
export type ClaimFilter = {
  /** Only connections whose `source_system` is this (e.g. `shoprenter`); all systems when undefined. */
  sourceSystem?: string;
};

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

const secondsFromNow = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

/**
 * One row per polled connection: its cursor, when it is next due, and the lease of the poller
 * polling it. Times come from the database clock, so replicas with skewed clocks agree. The
 * cursor only moves through `advance` (after the events are on the topic) or an operator's
 * `reset`, which bumps `cursor_version` so a poll running meanwhile cannot undo it.
 */
export function createPollScheduleRepository(db: Kysely<Database>) {
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
    async claimDue(
      leaseToken: (connectionId: string) => string,
      leaseMs: number,
      limit: number,
      filter: ClaimFilter = {},
    ): Promise<PollClaim[]> {
      const { sourceSystem } = filter;
      return db.transaction().execute(async (trx) => {
        let query = trx
          .selectFrom('poll_schedules')
          .select('connection_id')
          .where('next_poll_at', '<=', sql<Date>`now()`)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]));
        if (sourceSystem !== undefined) {
          // A subquery rather than a join: FOR UPDATE then locks only the schedule rows.
          query = query.where(({ exists, selectFrom }) =>
            exists(
              selectFrom('connections')
                .select('connections.id')
                .whereRef('connections.id', '=', 'poll_schedules.connection_id')
                .where('connections.source_system', '=', sourceSystem),
            ),
          );
        }
        const due = await query.orderBy('next_poll_at').limit(limit).forUpdate().skipLocked().execute();
        const claims: PollClaim[] = [];
        for (const { connection_id } of due) {
          const token = leaseToken(connection_id);
          const row = await trx
            .updateTable('poll_schedules')
            .set({ lease_owner: token, lease_until: secondsFromNow(leaseMs / 1000) })
            .where('connection_id', '=', connection_id)
            .returningAll()
            .executeTakeFirstOrThrow();
          claims.push({ ...toSchedule(row), leaseToken: token });
        }
        return claims;
      });
    },

    /** Extends a held lease; false when it was lost (the poller must stop before any write). */
    async renew(connectionId: string, leaseToken: string, leaseMs: number): Promise<boolean> {
      const result = await db
        .updateTable('poll_schedules')
        .set({ lease_until: secondsFromNow(leaseMs / 1000) })
        .where('connection_id', '=', connectionId)
        .where('lease_owner', '=', leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Stores the cursor after a successful poll (unless an operator reset it meanwhile: then the
     * reset cursor stays and is due at once) and frees the lease. `pollAgainNow` when the source
     * said there is more. False, changing nothing, when the lease token is no longer held.
     */
    async advance(claim: PollClaim, nextCursor: string, pollAgainNow: boolean): Promise<boolean> {
      const result = await db
        .updateTable('poll_schedules')
        .set((eb) => ({
          cursor: eb
            .case()
            .when('cursor_version', '=', claim.cursorVersion)
            .then(nextCursor)
            .else(eb.ref('cursor'))
            .end(),
          // After an operator's reset the reset cursor is polled at once, as `reset` promised.
          next_poll_at: eb
            .case()
            .when('cursor_version', '=', claim.cursorVersion)
            .then(
              pollAgainNow ? sql<Date>`now()` : sql<Date>`now() + make_interval(secs => interval_seconds)`,
            )
            .else(sql<Date>`now()`)
            .end(),
          lease_owner: null,
          lease_until: null,
          consecutive_failures: 0,
          last_error: null,
          last_polled_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        }))
        .where('connection_id', '=', claim.connectionId)
        .where('lease_owner', '=', claim.leaseToken)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Records a failed poll and frees the lease; the next try waits `backoffSeconds`. */
    async fail(claim: PollClaim, error: string, backoffSeconds: number): Promise<void> {
      await db
        .updateTable('poll_schedules')
        .set({
          next_poll_at: secondsFromNow(backoffSeconds),
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

    async find(connectionId: string): Promise<PollSchedule | undefined> {
      const row = await db
        .selectFrom('poll_schedules')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .executeTakeFirst();
      return row ? toSchedule(row) : undefined;
    },

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

    async remove(connectionId: string): Promise<void> {
      await db.deleteFrom('poll_schedules').where('connection_id', '=', connectionId).execute();
    },
  };
}

export type PollScheduleRepository = ReturnType<typeof createPollScheduleRepository>;
