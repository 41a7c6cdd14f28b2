import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type InboxEntry = {
  connectionId: string;
  eventKey: string;
  eventId: string;
  eventType: string;
  externalOrderId: string;
};

/** `new`: first sighting; `unpublished`: seen before but its record never reached the topic. */
export type InboxAdmission =
  | { kind: 'new'; eventId: string }
  | { kind: 'unpublished'; eventId: string }
  | { kind: 'duplicate' };

/**
 * The ingest inbox: one row per (connection, source event key). The unique constraint, not a
 * check-then-insert, decides whether an event is new. A row is marked published only after its
 * record is on the topic, so a crash in between is healed by the source's next delivery.
 */
export function createInboxRepository(db: Kysely<Database>) {
  return {
    async admit(entry: InboxEntry): Promise<InboxAdmission> {
      const inserted = await db
        .insertInto('inbox')
        .values({
          connection_id: entry.connectionId,
          event_key: entry.eventKey,
          event_id: entry.eventId,
          event_type: entry.eventType,
          external_order_id: entry.externalOrderId,
        })
        .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (inserted) return { kind: 'new', eventId: inserted.event_id };
      const existing = await db
        .selectFrom('inbox')
        .select(['event_id', 'published'])
        .where('connection_id', '=', entry.connectionId)
        .where('event_key', '=', entry.eventKey)
        .executeTakeFirstOrThrow();
      return existing.published ? { kind: 'duplicate' } : { kind: 'unpublished', eventId: existing.event_id };
    },

    async markPublished(connectionId: string, eventKey: string): Promise<void> {
      await db
        .updateTable('inbox')
        .set({ published: true })
        .where('connection_id', '=', connectionId)
        .where('event_key', '=', eventKey)
        .execute();
    },

    /** Forgets an event whose publish failed before we answered, so a retry is new again. */
    async forget(connectionId: string, eventKey: string): Promise<void> {
      await db
        .deleteFrom('inbox')
        .where('connection_id', '=', connectionId)
        .where('event_key', '=', eventKey)
        .where('published', '=', false)
        .execute();
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
