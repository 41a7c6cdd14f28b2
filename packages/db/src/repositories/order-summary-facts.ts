import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * Journey stages that say nothing new about where an order stands: the order summary keeps the
 * stage before them (the admin API's `journey-status` derives the same status from the stages).
 */
export const STATUS_NEUTRAL_STAGES: readonly string[] = Object.freeze(['duplicate_ignored', 'written_back']);

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
