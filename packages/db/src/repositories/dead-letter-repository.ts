import { type Kysely, type Selectable, sql } from 'kysely';
import { jsonbText, withoutNul } from '../jsonb-text.js';
import type { Database, DeadLettersTable } from '../schema.js';

/** A dead letter as the stage that gave up stores it: the record's bytes, key, headers and why. */
export type NewDeadLetter = {
  connectionId: string;
  externalOrderId: string;
  /** The stage that gave up, e.g. `mapping`, `delivery.asperion`. */
  stage: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  key: string;
  payload: Uint8Array;
  headers: Record<string, string>;
  errorCode: string;
  errorMessage: string;
  errorField: string | null;
  errorDetails: Record<string, unknown> | null;
  attempts: number;
};

export type DeadLetter = NewDeadLetter & {
  id: string;
  failedAt: Date;
  replayCount: number;
  replayedAt: Date | null;
};

export type DeadLetterFilter = {
  connectionId: string;
  externalOrderId?: string;
  errorCode?: string;
  stage?: string;
  /** `open`: never replayed; `replayed`: replayed at least once. */
  state?: 'open' | 'replayed';
  /** Only ids below this one (paging, newest first). */
  beforeId?: string;
  limit: number;
};

/** The insert of one dead letter (a CTE of the journey statement; see journey-repository.ts). */
export function recordDeadLetterSql(letter: NewDeadLetter) {
  return sql`
    insert into dead_letters (connection_id, external_order_id, stage, source_topic, source_partition,
      source_offset, key, payload, headers, error_code, error_message, error_field, error_details, attempts)
    values (${letter.connectionId}, ${letter.externalOrderId}, ${letter.stage}, ${letter.sourceTopic},
      ${letter.sourcePartition}, ${letter.sourceOffset}, ${letter.key}, ${letter.payload},
      ${jsonbText(letter.headers)}::jsonb, ${letter.errorCode}, ${withoutNul(letter.errorMessage.slice(0, 4000))},
      ${letter.errorField === null ? null : withoutNul(letter.errorField)}::text,
      ${letter.errorDetails === null ? null : jsonbText(letter.errorDetails)}::jsonb, ${letter.attempts})
    on conflict (stage, source_topic, source_partition, source_offset) do nothing`;
}

function toDeadLetter(row: Selectable<DeadLettersTable>): DeadLetter {
  return {
    id: String(row.id),
    connectionId: row.connection_id,
    externalOrderId: row.external_order_id,
    stage: row.stage,
    sourceTopic: row.source_topic,
    sourcePartition: row.source_partition,
    sourceOffset: row.source_offset,
    key: row.key,
    payload: new Uint8Array(row.payload),
    headers: row.headers,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    errorField: row.error_field,
    errorDetails: (row.error_details as Record<string, unknown> | null) ?? null,
    attempts: row.attempts,
    failedAt: new Date(row.failed_at),
    replayCount: row.replay_count,
    replayedAt: row.replayed_at === null ? null : new Date(row.replayed_at),
  };
}

/**
 * The durable dead-letter store: written with the `dead_lettered` journey row by the stage that
 * gave up (`JourneyRepository.recordDeadLetter`), read and marked replayed by the admin API.
 */
export function createDeadLetterRepository(db: Kysely<Database>) {
  const filtered = (filter: Omit<DeadLetterFilter, 'limit' | 'beforeId'>) => {
    let query = db.selectFrom('dead_letters').where('connection_id', '=', filter.connectionId);
    if (filter.externalOrderId !== undefined)
      query = query.where('external_order_id', '=', filter.externalOrderId);
    if (filter.errorCode !== undefined) query = query.where('error_code', '=', filter.errorCode);
    if (filter.stage !== undefined) query = query.where('stage', '=', filter.stage);
    if (filter.state === 'open') query = query.where('replay_count', '=', 0);
    if (filter.state === 'replayed') query = query.where('replay_count', '>', 0);
    return query;
  };

  return {
    /** Newest first; `beforeId` continues a page. */
    async list(filter: DeadLetterFilter): Promise<DeadLetter[]> {
      let query = filtered(filter).selectAll();
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(toDeadLetter);
    },

    async find(connectionId: string, id: string): Promise<DeadLetter | undefined> {
      const row = await db
        .selectFrom('dead_letters')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toDeadLetter(row) : undefined;
    },

    /** Counts a replay of the dead letter (after it was republished). */
    async markReplayed(id: string): Promise<void> {
      await db
        .updateTable('dead_letters')
        .set({ replay_count: sql`replay_count + 1`, replayed_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Dead letters of a connection whose failure falls in [from, to), for the reconciliation. */
    async listFailedBetween(connectionId: string, from: Date, to: Date): Promise<DeadLetter[]> {
      const rows = await db
        .selectFrom('dead_letters')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('failed_at', '>=', from)
        .where('failed_at', '<', to)
        .orderBy('id')
        .execute();
      return rows.map(toDeadLetter);
    },
  };
}

export type DeadLetterRepository = ReturnType<typeof createDeadLetterRepository>;
