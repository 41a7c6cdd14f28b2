/**
 * What the notifier reads and writes in Postgres: new dead letters after its watermark, pollers
 * that keep failing, and per (connection, problem) the claim that lets exactly one notice out
 * per interval, whichever replica finds the problem first.
 */
import type { Database } from '@koppel/db';
import { type Kysely, sql } from 'kysely';
import type { ConnectionFact, DeadLetterFact, PollFact } from './problem.js';

export type NotifiedConnection = ConnectionFact & {
  notifications: Record<string, unknown>;
  notificationSecretSealed: string;
};

const DEAD_LETTER_WATERMARK = 'dead_letters';

export type ClaimResult =
  | { claimed: false }
  | { claimed: true; suppressedSinceLast: number; previousSentAt: Date | null };

export function createNotificationStore(db: Kysely<Database>) {
  async function connectionsById(ids: readonly string[]): Promise<Map<string, NotifiedConnection>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('connections')
      .select(['id', 'name', 'source_system', 'target_system', 'notifications', 'notification_secret_sealed'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          name: row.name,
          sourceSystem: row.source_system,
          targetSystem: row.target_system,
          notifications: row.notifications,
          notificationSecretSealed: row.notification_secret_sealed,
        },
      ]),
    );
  }

  return {
    connectionsById,

    /** Where the dead-letter scan stands ('0' before the first scan). */
    async deadLetterWatermark(): Promise<string> {
      const row = await db
        .selectFrom('notifier_watermarks')
        .select('position')
        .where('name', '=', DEAD_LETTER_WATERMARK)
        .executeTakeFirst();
      return row ? String(row.position) : '0';
    },

    /** Moves the watermark from `from` to `to`; false when another notifier moved it first. */
    async advanceDeadLetterWatermark(from: string, to: string): Promise<boolean> {
      const result = await db
        .insertInto('notifier_watermarks')
        .values({ name: DEAD_LETTER_WATERMARK, position: to })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ position: to, updated_at: sql`now()` })
            .where('notifier_watermarks.position', '=', from),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async deadLettersAfter(position: string, limit: number): Promise<DeadLetterFact[]> {
      const rows = await db
        .selectFrom('dead_letters')
        .select([
          'id',
          'connection_id',
          'external_order_id',
          'stage',
          'error_code',
          'error_message',
          'error_field',
        ])
        .where('id', '>', position)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: String(row.id),
        connectionId: row.connection_id,
        externalOrderId: row.external_order_id,
        stage: row.stage,
        errorCode: row.error_code,
        errorMessage: row.error_message,
        errorField: row.error_field,
      }));
    },

    async failingPolls(threshold: number): Promise<PollFact[]> {
      const rows = await db
        .selectFrom('poll_schedules')
        .select(['connection_id', 'consecutive_failures', 'last_error'])
        .where('consecutive_failures', '>=', threshold)
        .execute();
      return rows.map((row) => ({
        connectionId: row.connection_id,
        consecutiveFailures: row.consecutive_failures,
        lastError: row.last_error,
      }));
    },

    /**
     * Records `occurrences` more of the problem and claims its notice when none went out in the
     * last `intervalMinutes` (database clock). Row-locked, so of two notifiers one claims.
     */
    async claim(
      connectionId: string,
      problemKey: string,
      occurrences: number,
      message: string,
      intervalMinutes: number,
    ): Promise<ClaimResult> {
      return db.transaction().execute(async (trx) => {
        await trx
          .insertInto('notification_state')
          .values({ connection_id: connectionId, problem_key: problemKey })
          .onConflict((oc) => oc.columns(['connection_id', 'problem_key']).doNothing())
          .execute();
        const state = await trx
          .selectFrom('notification_state')
          .select([
            'last_sent_at',
            'occurrences',
            sql<boolean>`last_sent_at is null or last_sent_at <= now() - make_interval(mins => ${intervalMinutes})`.as(
              'due',
            ),
          ])
          .where('connection_id', '=', connectionId)
          .where('problem_key', '=', problemKey)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (!state.due) {
          await trx
            .updateTable('notification_state')
            .set({ occurrences: sql`occurrences + ${occurrences}`, last_message: message.slice(0, 4000) })
            .where('connection_id', '=', connectionId)
            .where('problem_key', '=', problemKey)
            .execute();
          return { claimed: false };
        }
        await trx
          .updateTable('notification_state')
          .set({ occurrences: 0, last_sent_at: sql`now()`, last_message: message.slice(0, 4000) })
          .where('connection_id', '=', connectionId)
          .where('problem_key', '=', problemKey)
          .execute();
        return { claimed: true, suppressedSinceLast: state.occurrences, previousSentAt: state.last_sent_at };
      });
    },

    /** Gives a claim back after every channel failed, so the next scan tries again. */
    async release(connectionId: string, problemKey: string, previousSentAt: Date | null): Promise<void> {
      await db
        .updateTable('notification_state')
        .set({ last_sent_at: previousSentAt })
        .where('connection_id', '=', connectionId)
        .where('problem_key', '=', problemKey)
        .execute();
    },
  };
}

export type NotificationStore = ReturnType<typeof createNotificationStore>;
