import { type Kysely, sql } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
import type { Database } from '../schema.js';

export type InboxEntry = {
  connectionId: string;
  eventKey: string;
  eventId: string;
  eventType: string;
  externalOrderId: string;
};

/**
 * `new`: first sighting, now claimed by the caller; `unpublished`: seen before but its record
 * never reached the topic (or it is not known whether it did), now claimed by the caller, who
 * republishes it under the first event id; `in_flight`: another caller holds the claim right
 * now; `duplicate`: published already.
 */
export type InboxAdmission =
  | { kind: 'new'; eventId: string; claimToken: string }
  | { kind: 'unpublished'; eventId: string; claimToken: string }
  | { kind: 'in_flight' }
  | { kind: 'duplicate' };

/** How long a claim holds before another request may take the event over (a crashed publisher). */
export const INBOX_CLAIM_MS = 30_000;

const claimUntil = (ms: number) => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

type AdmitCall = { entry: InboxEntry; claimToken: string; claimMs: number };

/** The inbox row of a newly seen event, claimed by its caller. */
const claimedRow = ({ entry, claimToken, claimMs }: AdmitCall) => ({
  connection_id: entry.connectionId,
  event_key: entry.eventKey,
  event_id: entry.eventId,
  event_type: entry.eventType,
  external_order_id: entry.externalOrderId,
  claim_token: claimToken,
  claimed_until: claimUntil(claimMs),
});
type PublishedCall = { connectionId: string; eventKey: string };
/** One caller's own answer inside a grouped statement: its admission, or its own error. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const keyOf = (connectionId: string, eventKey: string) => `${connectionId}\u0000${eventKey}`;

async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}

function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

/**
 * The ingest inbox: one row per (connection, source event key). The unique constraint, not a
 * check-then-insert, decides whether an event is new, and the row is *claimed* (token and lease,
 * database clock) by the one caller that publishes it, so two identical webhooks arriving at the
 * same instant publish one record. A row is marked published only after its record is on the
 * topic; a failed or ambiguous publish keeps the row and its event id (the claim is released), so
 * the source's retry republishes the same event rather than counting as new.
 */
export function createInboxRepository(db: Kysely<Database>) {
  /** The one-row admission: claim a new event, take over a lapsed claim, or say why not. */
  async function admitOne({ entry, claimToken, claimMs }: AdmitCall): Promise<InboxAdmission> {
    const inserted = await db
      .insertInto('inbox')
      .values(claimedRow({ entry, claimToken, claimMs }))
      .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (inserted) return { kind: 'new', eventId: inserted.event_id, claimToken };
    const taken = await db
      .updateTable('inbox')
      .set({ claim_token: claimToken, claimed_until: claimUntil(claimMs) })
      .where('connection_id', '=', entry.connectionId)
      .where('event_key', '=', entry.eventKey)
      .where('published', '=', false)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
      .returning('event_id')
      .executeTakeFirst();
    if (taken) return { kind: 'unpublished', eventId: taken.event_id, claimToken };
    const existing = await db
      .selectFrom('inbox')
      .select('published')
      .where('connection_id', '=', entry.connectionId)
      .where('event_key', '=', entry.eventKey)
      .executeTakeFirstOrThrow();
    return existing.published ? { kind: 'duplicate' } : { kind: 'in_flight' };
  }

  /**
   * Admissions of concurrent requests (a burst of webhooks) share one statement: every event not
   * yet in the inbox is claimed by one multi-row `insert … on conflict do nothing`. An event already
   * there, or repeated inside the batch, takes the one-row path (takeover, in flight or duplicate),
   * so the unique constraint still decides. Each caller gets its own answer or its own error.
   */
  async function admitMany(calls: AdmitCall[]): Promise<Settled<InboxAdmission>[]> {
    if (calls.length === 1) return [await settle(() => admitOne(calls[0] as AdmitCall))];
    const firsts = new Map<string, number>();
    calls.forEach((call, index) => {
      const key = keyOf(call.entry.connectionId, call.entry.eventKey);
      if (!firsts.has(key)) firsts.set(key, index);
    });
    const rows = await db
      .insertInto('inbox')
      .values([...firsts.values()].map((index) => claimedRow(calls[index] as AdmitCall)))
      .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doNothing())
      .returning(['connection_id', 'event_key'])
      .execute();
    const claimed = new Set(rows.map((row) => keyOf(row.connection_id, row.event_key)));
    return Promise.all(
      calls.map((call, index) => {
        const key = keyOf(call.entry.connectionId, call.entry.eventKey);
        if (firsts.get(key) === index && claimed.has(key)) {
          const admission: InboxAdmission = {
            kind: 'new',
            eventId: call.entry.eventId,
            claimToken: call.claimToken,
          };
          return { ok: true, value: admission } as const;
        }
        return settle(() => admitOne(call));
      }),
    );
  }

  const groupedAdmit = createGroupWriter(admitMany);
  const groupedMarkPublished = createGroupWriter(async (calls: PublishedCall[]) => {
    const pairs = calls.map((call) => sql`(${call.connectionId}::text, ${call.eventKey}::text)`);
    await db
      .updateTable('inbox')
      .set({ published: true, claim_token: null, claimed_until: null })
      .where(sql<boolean>`(connection_id, event_key) in (${sql.join(pairs)})`)
      .execute();
    return calls.map(() => undefined);
  });

  return {
    async admit(entry: InboxEntry, claimToken: string, claimMs = INBOX_CLAIM_MS): Promise<InboxAdmission> {
      return unwrap(await groupedAdmit({ entry, claimToken, claimMs }));
    },

    /** The event's record is on the topic: later sightings are duplicates. */
    async markPublished(connectionId: string, eventKey: string): Promise<void> {
      await groupedMarkPublished({ connectionId, eventKey });
    },

    /**
     * Gives up a claim after a failed publish, keeping the row and its event id: the record may
     * have reached the topic (an ambiguous failure), so the retry must republish the same event.
     */
    async release(connectionId: string, eventKey: string, claimToken: string): Promise<void> {
      await db
        .updateTable('inbox')
        .set({ claim_token: null, claimed_until: null })
        .where('connection_id', '=', connectionId)
        .where('event_key', '=', eventKey)
        .where('claim_token', '=', claimToken)
        .execute();
    },

    /** Whether the event is published (a waiting duplicate polls this). */
    async isPublished(connectionId: string, eventKey: string): Promise<boolean> {
      const row = await db
        .selectFrom('inbox')
        .select('published')
        .where('connection_id', '=', connectionId)
        .where('event_key', '=', eventKey)
        .executeTakeFirst();
      return row?.published ?? false;
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
