import { type Kysely, sql } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
import type { Database } from '../schema.js';

/** The error code a paused connection's deliveries are parked with (see the target runner). */
export const CONNECTION_PAUSED_CODE = 'CONNECTION_PAUSED';

/**
 * Pausing a connection: while `connections.paused_at` is set, the target runner parks the
 * connection's delivery requests (`parked_records`, per order key, in order) instead of booking
 * them; ingest, mapping and the rest still accept and record orders, so nothing is lost.
 * Resuming clears the mark and makes the parked requests due at once.
 */
export function createConnectionPauseRepository(db: Kysely<Database>) {
  const pausedSinceOf = createGroupWriter(async (connectionIds: string[]) => {
    const rows = await db
      .selectFrom('connections')
      .select(['id', 'paused_at'])
      .where('id', 'in', [...new Set(connectionIds)])
      .execute();
    const pausedAt = new Map(rows.map((row) => [row.id, row.paused_at]));
    return connectionIds.map((id) => {
      const at = pausedAt.get(id);
      return at ? new Date(at) : null;
    });
  });
  return {
    /** Pauses (idempotent: the first pause time stays); the time, undefined when no such connection. */
    async pause(connectionId: string): Promise<Date | undefined> {
      const row = await db
        .updateTable('connections')
        .set({ paused_at: sql`coalesce(paused_at, now())` })
        .where('id', '=', connectionId)
        .returning('paused_at')
        .executeTakeFirst();
      return row?.paused_at ? new Date(row.paused_at) : undefined;
    },

    /**
     * Resumes and makes the deliveries parked for the pause due now (by order key prefix
     * `<connection>:`), so they are booked without waiting out their re-check interval.
     * Returns how many parked records were woken.
     */
    async resume(connectionId: string): Promise<number> {
      await db.updateTable('connections').set({ paused_at: null }).where('id', '=', connectionId).execute();
      const woken = await db
        .updateTable('parked_records')
        .set({ due_at: sql`now()` })
        .where(sql<boolean>`left(key, ${connectionId.length + 1}) = ${`${connectionId}:`}`)
        .where('last_error', 'like', `${CONNECTION_PAUSED_CODE}:%`)
        .executeTakeFirst();
      return Number(woken.numUpdatedRows);
    },

    /** Asked by every delivery: concurrent asks share one statement. */
    pausedSince: (connectionId: string): Promise<Date | null> => pausedSinceOf(connectionId),

    /** Parked deliveries of the connection waiting for a resume. */
    async countWaiting(connectionId: string): Promise<number> {
      const row = await db
        .selectFrom('parked_records')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(sql<boolean>`left(key, ${connectionId.length + 1}) = ${`${connectionId}:`}`)
        .where('last_error', 'like', `${CONNECTION_PAUSED_CODE}:%`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type ConnectionPauseRepository = ReturnType<typeof createConnectionPauseRepository>;
