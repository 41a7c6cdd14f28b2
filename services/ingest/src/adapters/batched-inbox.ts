import type { Database, InboxAdmission, InboxEntry, InboxRepository } from '@koppel/db';
import { type Kysely, sql } from 'kysely';
import { type BatchOutcome, createMicroBatcher, settleEach } from './micro-batcher.js';

type AdmitCall = { entry: InboxEntry; claimToken: string; claimMs: number | undefined };
type PublishedCall = { connectionId: string; eventKey: string };

/**
 * The claim lease of the repository's own `admit` (`INBOX_CLAIM_MS` in @koppel/db's inbox
 * repository, which the package does not export): a crashed publisher's claim lapses after it.
 */
const DEFAULT_CLAIM_MS = 30_000;

const keyOf = (connectionId: string, eventKey: string) => `${connectionId}\u0000${eventKey}`;

/**
 * The inbox repository with `admit` and `markPublished` of concurrent requests sharing one
 * statement each (everything else is the repository's own). A batch's new events are claimed by
 * one multi-row `insert … on conflict do nothing`; an event already in the inbox, or repeated
 * inside the batch, takes the repository's own one-row path (claim takeover, in-flight or
 * duplicate), so the unique constraint still decides. A failed batch is retried row by row, so
 * one bad row fails only its own request.
 */
export function createBatchedInbox(db: Kysely<Database>, inbox: InboxRepository): InboxRepository {
  const admit = createMicroBatcher<AdmitCall, InboxAdmission>({
    run: (calls) => admitTogether(db, inbox, calls),
  });
  const markPublished = createMicroBatcher<PublishedCall, void>({
    run: async (calls) => {
      try {
        await markPublishedTogether(db, calls);
        return calls.map(() => ({ ok: true, value: undefined }));
      } catch {
        return settleEach(calls, (call) => inbox.markPublished(call.connectionId, call.eventKey));
      }
    },
  });
  return {
    ...inbox,
    admit: (entry, claimToken, claimMs) => admit({ entry, claimToken, claimMs }),
    markPublished: (connectionId, eventKey) => markPublished({ connectionId, eventKey }),
  };
}

async function admitTogether(
  db: Kysely<Database>,
  inbox: InboxRepository,
  calls: readonly AdmitCall[],
): Promise<BatchOutcome<InboxAdmission>[]> {
  const one = (call: AdmitCall) => inbox.admit(call.entry, call.claimToken, call.claimMs);
  const firsts = new Map<string, number>();
  calls.forEach((call, index) => {
    const key = keyOf(call.entry.connectionId, call.entry.eventKey);
    if (!firsts.has(key)) firsts.set(key, index);
  });
  if (calls.length === 1) return settleEach(calls, one);
  let claimed: Set<string>;
  try {
    claimed = await insertNew(
      db,
      [...firsts.values()].flatMap((index) => calls[index] ?? []),
    );
  } catch {
    return settleEach(calls, one);
  }
  const outcomes: BatchOutcome<InboxAdmission>[] = [];
  const rest: number[] = [];
  calls.forEach((call, index) => {
    const key = keyOf(call.entry.connectionId, call.entry.eventKey);
    if (firsts.get(key) === index && claimed.has(key)) {
      outcomes[index] = {
        ok: true,
        value: { kind: 'new', eventId: call.entry.eventId, claimToken: call.claimToken },
      };
    } else rest.push(index);
  });
  const restCalls = rest.flatMap((index) => calls[index] ?? []);
  const restOutcomes = await settleEach(restCalls, one);
  rest.forEach((index, position) => {
    outcomes[index] = restOutcomes[position] ?? { ok: false, error: new Error('no outcome') };
  });
  return outcomes;
}

/** Claims every event not yet in the inbox in one statement; the keys it inserted. */
async function insertNew(db: Kysely<Database>, calls: readonly AdmitCall[]): Promise<Set<string>> {
  const rows = await db
    .insertInto('inbox')
    .values(
      calls.map(({ entry, claimToken, claimMs }) => ({
        connection_id: entry.connectionId,
        event_key: entry.eventKey,
        event_id: entry.eventId,
        event_type: entry.eventType,
        external_order_id: entry.externalOrderId,
        claim_token: claimToken,
        // Same lease as the repository's own admit (database clock).
        claimed_until: sql<Date>`now() + make_interval(secs => ${(claimMs ?? DEFAULT_CLAIM_MS) / 1000})`,
      })),
    )
    .onConflict((oc) => oc.columns(['connection_id', 'event_key']).doNothing())
    .returning(['connection_id', 'event_key'])
    .execute();
  return new Set(rows.map((row) => keyOf(row.connection_id, row.event_key)));
}

async function markPublishedTogether(db: Kysely<Database>, calls: readonly PublishedCall[]): Promise<void> {
  const pairs = calls.map((call) => sql`(${call.connectionId}::text, ${call.eventKey}::text)`);
  await db
    .updateTable('inbox')
    .set({ published: true, claim_token: null, claimed_until: null })
    .where(sql<boolean>`(connection_id, event_key) in (${sql.join(pairs)})`)
    .execute();
}
