import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export type InboxEntry = {
  connectionId: string;
  eventKey: string;
  eventId: string;
  eventType: string;
  externalOrderId: string;
};

/**
 * The ingest inbox: one row per (connection, source event key). The unique constraint, not a
 * check-then-insert, decides whether an event is new.
 */
export function createInboxRepository(db: Kysely<Database>) {
  return {
    /** Inserts inside `trx`; returns false when the event was already accepted. */
    async insertIfNew(trx: Transaction<Database>, entry: InboxEntry): Promise<boolean> {
      const result = await trx
        .insertInto('inbox')
        .values({
          connection_id: entry.connectionId,
          event_key: entry.eventKey,
          event_id: entry.eventId,
          event_type: entry.eventType,
          external_order_id: entry.externalOrderId,
        })
        .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async count(connectionId: string): Promise<number> {
      const row = await db
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('connection_id', '=', connectionId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
