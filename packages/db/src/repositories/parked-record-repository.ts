import { type Kysely, type Selectable, sql } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
import type { Database, ParkedRecordsTable } from '../schema.js';

/** Where a parked record came from and what it carries (the consumer's view of one record). */
export type ParkedRecordSource = {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
};

export type ParkedRecord = ParkedRecordSource & { id: string; attempts: number; lastError: string | null };

/** Failed attempts so far, when to try next (from the database's now) and why it failed. */
export type ParkingState = { attempts: number; delayMs: number; lastError: string | null };

function toParked(row: Selectable<ParkedRecordsTable>): ParkedRecord {
  return {
    id: String(row.id),
    groupId: row.group_id,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    key: row.key,
    value: new Uint8Array(row.value),
    headers: row.headers,
    attempts: row.attempts,
    lastError: row.last_error,
  };
}

const msFromNow = (ms: number) => sql<Date>`now() + make_interval(secs => ${Math.max(0, ms) / 1000})`;

/**
 * Records waiting out a long retry outside their partition, per consumer group and topic. Only
 * the oldest row of a key (lowest id) is ever due, so a key's records are re-driven in the order
 * they were parked. Times are the database's clock; a claim pushes `due_at` out by a lease, so a
 * replica that dies mid re-drive hands the row back when the lease ends.
 */
export function createParkedRecordRepository(db: Kysely<Database>) {
  // Every record of a consumer asks this first: concurrent asks share one statement.
  const parkedKeys = createGroupWriter(async (asks: ParkedKey[]) => {
    const rows = await db
      .selectFrom('parked_records')
      .select(['group_id', 'topic', 'key'])
      .distinct()
      .where(
        sql<boolean>`(group_id, topic, key) in (${sql.join(
          asks.map((ask) => sql`(${ask.groupId}::text, ${ask.topic}::text, ${ask.key}::text)`),
        )})`,
      )
      .execute();
    const parked = new Set(
      rows.map((row) => parkedKeyId({ groupId: row.group_id, topic: row.topic, key: row.key })),
    );
    return asks.map((ask) => parked.has(parkedKeyId(ask)));
  });
  return {
    /** Parks a record; parking the same source offset twice (a re-delivery) keeps the first row. */
    async park(source: ParkedRecordSource, state: ParkingState): Promise<void> {
      await db
        .insertInto('parked_records')
        .values({
          group_id: source.groupId,
          topic: source.topic,
          partition: source.partition,
          offset: source.offset,
          key: source.key,
          value: source.value,
          headers: JSON.stringify(source.headers),
          attempts: state.attempts,
          due_at: msFromNow(state.delayMs),
          last_error: state.lastError,
        })
        .onConflict((oc) => oc.columns(['group_id', 'topic', 'partition', 'offset']).doNothing())
        .execute();
    },

    /** True while the key has a record parked (later records of the key must queue behind it). */
    hasParked: (groupId: string, topic: string, key: string) => parkedKeys({ groupId, topic, key }),

    /**
     * Takes up to `limit` due heads of key (at most one row per key) and leases them for
     * `leaseMs`. `FOR UPDATE SKIP LOCKED` lets replicas claim side by side without waiting.
     */
    async claimDue(groupId: string, topic: string, limit: number, leaseMs: number): Promise<ParkedRecord[]> {
      const rows = await db
        .updateTable('parked_records')
        .set({ due_at: msFromNow(leaseMs) })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('parked_records as p')
            .select('p.id')
            .where('p.group_id', '=', groupId)
            .where('p.topic', '=', topic)
            .where('p.due_at', '<=', sql<Date>`now()`)
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('parked_records as q')
                    .select('q.id')
                    .whereRef('q.group_id', '=', 'p.group_id')
                    .whereRef('q.topic', '=', 'p.topic')
                    .whereRef('q.key', '=', 'p.key')
                    .whereRef('q.id', '<', 'p.id'),
                ),
              ),
            )
            .orderBy('p.due_at')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .returningAll()
        .execute();
      return rows.map(toParked).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    },

    /** Puts a claimed record back to wait again. */
    async reschedule(id: string, state: ParkingState): Promise<void> {
      await db
        .updateTable('parked_records')
        .set({ attempts: state.attempts, due_at: msFromNow(state.delayMs), last_error: state.lastError })
        .where('id', '=', id)
        .execute();
    },

    /** Removes a record once handled (processed or dead-lettered). */
    async remove(id: string): Promise<void> {
      await db.deleteFrom('parked_records').where('id', '=', id).execute();
    },

    async count(groupId: string, topic?: string): Promise<number> {
      let query = db
        .selectFrom('parked_records')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('group_id', '=', groupId);
      if (topic !== undefined) query = query.where('topic', '=', topic);
      const row = await query.executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type ParkedRecordRepository = ReturnType<typeof createParkedRecordRepository>;

type ParkedKey = { groupId: string; topic: string; key: string };

const parkedKeyId = (k: ParkedKey) => JSON.stringify([k.groupId, k.topic, k.key]);
