import { isSpanContextValid, trace } from '@opentelemetry/api';
import { sql } from 'kysely';

/**
 * Journey stages that say nothing new about where an order stands: the order summary keeps the
 * stage before them (the admin API's `journey-status` derives the same status from the stages).
 */
export const STATUS_NEUTRAL_STAGES: readonly string[] = Object.freeze(['duplicate_ignored', 'written_back']);

/**
 * Stages of an order's first steps: an event received, or not booked because the connection
 * filters its status out (`skipped`, e.g. a late `pending` after `paid`) or it is no order
 * (`ignored`). They set the status only while the order has got no further than these: an order
 * booked, in flight or failed keeps that status when a stale webhook of it arrives and is skipped.
 */
export const EARLY_STATUS_STAGES: readonly string[] = Object.freeze(['received', 'skipped', 'ignored']);

/** Stages that say the order's document exists in the target. */
export const BOOKED_STATUS_STAGES: readonly string[] = Object.freeze(['delivered', 'already_in_target']);

/**
 * Steps on the way to the target. They never move a booked order's status: a step written late
 * (its write retried after a Postgres restart while the order went on and was booked) or a later
 * event of a booked order passing through leaves it booked. Failures still move it.
 */
export const IN_FLIGHT_STATUS_STAGES: readonly string[] = Object.freeze([
  'mapped',
  'customer_resolved',
  'routed',
  'debtor_found',
  'debtor_created',
  'retrying',
  'paused',
]);

/** Whether a journey stage moves the status of an order that stands at `current` (pure). */
export function movesStatus(current: string | null, next: string | null): boolean {
  if (next === null) return false;
  if (current !== null && BOOKED_STATUS_STAGES.includes(current) && IN_FLIGHT_STATUS_STAGES.includes(next)) {
    return false;
  }
  if (!EARLY_STATUS_STAGES.includes(next)) return true;
  return current === null || EARLY_STATUS_STAGES.includes(current);
}

/**
 * The `on conflict` update of an order summary (`s`) by a new row (`excluded`): the SQL twin of
 * `movesStatus` plus the facts, shared by the one-row and the many-row journey writes.
 */
export const summaryConflictUpdateSql = sql`
      updated_at = excluded.updated_at,
      status_stage = case when ${moves()} then excluded.status_stage else s.status_stage end,
      status_reason = case when ${moves()} then excluded.status_reason else s.status_reason end,
      order_number = coalesce(excluded.order_number, s.order_number),
      customer_email = coalesce(excluded.customer_email, s.customer_email),
      debtor_id = coalesce(excluded.debtor_id, s.debtor_id),
      document_id = coalesce(excluded.document_id, s.document_id),
      document_number = coalesce(excluded.document_number, s.document_number),
      trace_id = coalesce(s.trace_id, excluded.trace_id),
      replays = s.replays + excluded.replays`;

function moves() {
  const list = (stages: readonly string[]) => sql.join(stages.map((stage) => sql.lit(stage)));
  const early = list(EARLY_STATUS_STAGES);
  return sql`(excluded.status_stage is not null and (excluded.status_stage not in (${early})
    or s.status_stage is null or s.status_stage in (${early}))
    and not (coalesce(s.status_stage in (${list(BOOKED_STATUS_STAGES)}), false)
      and excluded.status_stage in (${list(IN_FLIGHT_STATUS_STAGES)})))`;
}

/** What one journey row adds to its order's summary; undefined = keep what the summary has. */
export type SummaryFacts = {
  statusStage: string | null;
  statusReason: string | null;
  orderNumber: string | null;
  customerEmail: string | null;
  debtorId: string | null;
  documentId: string | null;
  documentNumber: string | null;
};

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

const objectAt = (value: unknown, key: string): Record<string, unknown> | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Record<string, unknown>)[key];
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : undefined;
};

/** Why the order stands where it does, in a few words (code first, for filters and lists). */
function reasonOf(detail: Record<string, unknown>): string | null {
  const code = text(detail.code);
  const reason = text(detail.reason);
  if (code && reason) return `${code}: ${reason}`.slice(0, 500);
  return (code ?? reason)?.slice(0, 500) ?? null;
}

/**
 * The summary facts of one journey row (pure). The mapped stage carries the canonical order
 * (order number, customer e-mail); debtor and document stages carry their target ids.
 */
export function summaryFactsOf(stage: string, detail: Record<string, unknown>): SummaryFacts {
  const order = objectAt(detail, 'order');
  const email = text(objectAt(order, 'customer')?.email);
  const neutral = STATUS_NEUTRAL_STAGES.includes(stage);
  return {
    statusStage: neutral ? null : stage,
    statusReason: neutral ? null : reasonOf(detail),
    orderNumber: stage === 'mapped' ? text(order?.orderNumber) : null,
    customerEmail: stage === 'mapped' && email ? email.trim().toLowerCase() : null,
    debtorId: text(detail.debtorId),
    documentId: text(detail.documentId),
    documentNumber: text(detail.documentNumber),
  };
}

/** The W3C trace id of the active span, null when none is recording or propagated. */
export function activeTraceId(): string | null {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : null;
}
