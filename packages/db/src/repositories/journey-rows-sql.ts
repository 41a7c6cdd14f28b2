import { sql } from 'kysely';
import { jsonbText, withoutNul } from '../jsonb-text.js';
import {
  movesStatus,
  type SummaryFacts,
  summaryConflictUpdateSql,
  summaryFactsOf,
} from './order-summary-facts.js';

/** One journey row as a stage records it (facts and trace id taken when it is recorded). */
export type JourneyRow = {
  connectionId: string;
  externalOrderId: string;
  stage: string;
  detail: Record<string, unknown>;
  traceId: string | null;
};

/** What several journey rows of one order add to its summary, folded as one upsert each would. */
export type FoldedSummary = SummaryFacts & {
  connectionId: string;
  externalOrderId: string;
  traceId: string | null;
  replays: number;
};

/**
 * Folds the rows of each order into one summary change (a multi-row upsert may touch a row
 * only once). Each field ends as the sequence of single-row upserts would leave
 * it: the last non-null fact wins, the status and its reason move together, the first trace id
 * stays, replays add up. Pure.
 */
export function foldSummaries(rows: readonly JourneyRow[]): FoldedSummary[] {
  const byOrder = new Map<string, FoldedSummary>();
  for (const row of rows) {
    const facts = summaryFactsOf(row.stage, withoutNul(row.detail));
    const key = JSON.stringify([row.connectionId, row.externalOrderId]);
    const replays = row.stage === 'replayed' ? 1 : 0;
    const before = byOrder.get(key);
    if (!before) {
      const { connectionId, externalOrderId, traceId } = row;
      byOrder.set(key, { ...facts, connectionId, externalOrderId, traceId, replays });
      continue;
    }
    const moved = movesStatus(before.statusStage, facts.statusStage);
    byOrder.set(key, {
      ...before,
      statusStage: moved ? facts.statusStage : before.statusStage,
      statusReason: moved ? facts.statusReason : before.statusReason,
      orderNumber: facts.orderNumber ?? before.orderNumber,
      customerEmail: facts.customerEmail ?? before.customerEmail,
      debtorId: facts.debtorId ?? before.debtorId,
      documentId: facts.documentId ?? before.documentId,
      documentNumber: facts.documentNumber ?? before.documentNumber,
      traceId: before.traceId ?? row.traceId,
      replays: before.replays + replays,
    });
  }
  // Sorted by order, so concurrent statements (other stages, replicas) lock shared summary
  // rows in one order and cannot deadlock each other.
  return [...byOrder.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/**
 * The journey rows and their orders' summaries in one statement (one round trip however many
 * rows). `now()` is the statement's transaction time, the same value the journey rows' default
 * `created_at` takes, so the summary times equal the rows' as with one row.
 */
export function journeyRowsSql(rows: readonly JourneyRow[]) {
  const journeyValues = rows.map(
    (r) =>
      sql`(${r.connectionId}, ${r.externalOrderId}, ${r.stage}, ${jsonbText(r.detail)}::jsonb, ${r.traceId}::text)`,
  );
  const summaryValues = foldSummaries(rows).map(
    (s) =>
      sql`(${s.connectionId}::text, ${s.externalOrderId}::text, now(), now(), ${s.statusStage}::text,
        ${s.statusReason}::text, ${s.orderNumber}::text, ${s.customerEmail}::text, ${s.debtorId}::text,
        ${s.documentId}::text, ${s.documentNumber}::text, ${s.traceId}::text, ${s.replays}::int)`,
  );
  return sql`
    with j as (
      insert into order_journey (connection_id, external_order_id, stage, detail, trace_id)
      values ${sql.join(journeyValues)}
    )
    insert into order_summaries as s (connection_id, external_order_id, received_at, updated_at,
      status_stage, status_reason, order_number, customer_email, debtor_id, document_id,
      document_number, trace_id, replays)
    values ${sql.join(summaryValues)}
    on conflict (connection_id, external_order_id) do update set ${summaryConflictUpdateSql}`;
}
