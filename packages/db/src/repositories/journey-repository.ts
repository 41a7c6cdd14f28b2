import { type Kysely, sql } from 'kysely';
import { jsonbText, withoutNul } from '../jsonb-text.js';
import { createGroupWriter } from '../group-writer.js';
import type { Database } from '../schema.js';
import { type NewDeadLetter, recordDeadLetterSql } from './dead-letter-repository.js';
import { type JourneyRow, journeyRowsSql } from './journey-rows-sql.js';
import { activeTraceId, summaryConflictUpdateSql, summaryFactsOf } from './order-summary-facts.js';

/** Stages an order passes; the admin API shows them in order. */
export type JourneyStage =
  | 'received'
  | 'duplicate_ignored'
  | 'mapped'
  | 'skipped'
  | 'dead_lettered'
  | 'customer_resolved'
  | 'routed'
  | 'retrying'
  | 'already_in_target'
  | 'debtor_created'
  | 'debtor_found'
  | 'delivered'
  | 'ignored'
  | 'written_back'
  | 'failed'
  /** The connection is paused: the order waits (parked) until it is resumed. */
  | 'paused'
  /** An operator replayed the order's dead letter to the stage that failed. */
  | 'replayed';

export type JourneyEntry = {
  stage: JourneyStage;
  detail: Record<string, unknown>;
  at: Date;
};

/**
 * The journey row and its order's summary (`order_summaries`, the activity log's index) in one
 * statement: one round trip, one extra write per stage. With `deadLetter`, the dead letter is
 * stored by the same statement.
 */
function journeySql(
  connectionId: string,
  externalOrderId: string,
  stage: JourneyStage,
  detail: Record<string, unknown>,
  deadLetter?: NewDeadLetter,
) {
  // Facts from a shop land in text and jsonb columns, neither of which holds a NUL.
  const facts = summaryFactsOf(stage, withoutNul(detail));
  const traceId = activeTraceId();
  const deadLetterCte = deadLetter ? sql`, dead as (${recordDeadLetterSql(deadLetter)})` : sql``;
  return sql`
    with j as (
      insert into order_journey (connection_id, external_order_id, stage, detail, trace_id)
      values (${connectionId}, ${externalOrderId}, ${stage}, ${jsonbText(detail)}::jsonb, ${traceId}::text)
      returning created_at
    )${deadLetterCte}
    insert into order_summaries as s (connection_id, external_order_id, received_at, updated_at,
      status_stage, status_reason, order_number, customer_email, debtor_id, document_id,
      document_number, trace_id, replays)
    select ${connectionId}::text, ${externalOrderId}::text, j.created_at, j.created_at,
      ${facts.statusStage}::text, ${facts.statusReason}::text, ${facts.orderNumber}::text,
      ${facts.customerEmail}::text, ${facts.debtorId}::text, ${facts.documentId}::text,
      ${facts.documentNumber}::text, ${traceId}::text, ${stage === 'replayed' ? 1 : 0}::int
    from j
    on conflict (connection_id, external_order_id) do update set ${summaryConflictUpdateSql}`;
}

/**
 * The order journey: every step an order took, with what came in and what was sent. `record`
 * commits group-wise: rows recorded while a write is in flight leave together as one statement
 * (the records of a consumer's batch share a round trip); each call resolves once its row is
 * committed.
 */
export function createJourneyRepository(db: Kysely<Database>) {
  const writeRow = createGroupWriter(async (rows: JourneyRow[]) => {
    await journeyRowsSql(rows).execute(db);
    return rows.map(() => undefined);
  });
  return {
    async record(
      connectionId: string,
      externalOrderId: string,
      stage: JourneyStage,
      detail: Record<string, unknown> = {},
    ): Promise<void> {
      // The trace id is the caller's (its span is active now, not when the group is written).
      await writeRow({ connectionId, externalOrderId, stage, detail, traceId: activeTraceId() });
    },

    /**
     * Journals `dead_lettered` and stores the dead letter (payload, key, headers, reason) in the
     * same statement, before the stage commits its record; a re-delivered record that fails
     * again is stored once (unique per stage and source record).
     */
    async recordDeadLetter(letter: NewDeadLetter, detail: Record<string, unknown>): Promise<void> {
      await journeySql(letter.connectionId, letter.externalOrderId, 'dead_lettered', detail, letter).execute(
        db,
      );
    },

    async list(connectionId: string, externalOrderId: string): Promise<JourneyEntry[]> {
      const rows = await db
        .selectFrom('order_journey')
        .select(['stage', 'detail', 'created_at'])
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ stage: r.stage as JourneyStage, detail: r.detail, at: r.created_at }));
    },
  };
}

export type JourneyRepository = ReturnType<typeof createJourneyRepository>;
