import type { z } from 'zod';
import type { orderDetailSchema } from '../schemas/order-detail-schemas.js';
import { toJourneyStatus } from './journey-status.js';

export type OrderDetailView = z.input<typeof orderDetailSchema>;

/** The facts the detail is built from (plain data: the route reads them from the repositories). */
export type OrderFacts = {
  connectionId: string;
  externalOrderId: string;
  journey: readonly { stage: string; detail: Record<string, unknown>; at: Date }[];
  summary:
    | {
        orderNumber: string | null;
        customerEmail: string | null;
        traceId: string | null;
        debtorId: string | null;
        documentId: string | null;
        documentNumber: string | null;
      }
    | undefined;
  ledger:
    | {
        state: 'delivering' | 'delivered';
        documentId: string | null;
        documentNumber: string;
        attempts: number;
        documentRequestedAt: Date | null;
        documentRequest: unknown;
      }
    | undefined;
  deadLetters: readonly {
    id: string;
    stage: string;
    errorCode: string;
    failedAt: Date;
    replayCount: number;
  }[];
};

/** Stages that end an attempt, each with its answer. */
const attemptStages = new Set([
  'retrying',
  'paused',
  'dead_lettered',
  'replayed',
  'delivered',
  'already_in_target',
  'failed',
  'skipped',
]);

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function outcomeOf(stage: string, detail: Record<string, unknown>): string {
  const document = str(detail.documentNumber);
  if (stage === 'delivered') return `booked ${document ?? str(detail.documentId) ?? ''}`.trim();
  if (stage === 'already_in_target') return str(detail.reason) ?? 'already in the target';
  if (stage === 'replayed') return `replayed to ${str(detail.stage) ?? 'the stage that failed'}`;
  const code = str(detail.code);
  const reason = str(detail.reason);
  return [code, reason].filter(Boolean).join(': ') || stage;
}

/** What the shop sent (last `received` entry) and what Koppel sent the target (the ledger). */
export function toOrderDetail(facts: OrderFacts): OrderDetailView {
  const received = [...facts.journey].reverse().find((e) => e.stage === 'received');
  const resolved = [...facts.journey].reverse().find((e) => e.stage === 'customer_resolved');
  const summary = facts.summary;
  const ledger = facts.ledger;
  const documentNumber =
    ledger?.state === 'delivered' ? ledger.documentNumber : (summary?.documentNumber ?? null);
  const documentId = ledger?.documentId ?? summary?.documentId ?? null;
  const traceId = summary?.traceId ?? null;
  const customerId = str(resolved?.detail.customerId);
  return {
    connectionId: facts.connectionId,
    externalOrderId: facts.externalOrderId,
    orderNumber: summary?.orderNumber ?? null,
    customerEmail: summary?.customerEmail ?? null,
    status: toJourneyStatus(facts.journey.map((e) => e.stage)) ?? 'received',
    traceId,
    fromShop: received
      ? {
          receivedAt: received.at.toISOString(),
          eventType: str(received.detail.eventType),
          channel: str(received.detail.channel),
          contentType: str(received.detail.contentType),
          payload: received.detail.sourcePayload ?? null,
        }
      : null,
    toTarget: ledger
      ? {
          sentAt: ledger.documentRequestedAt?.toISOString() ?? null,
          documentNumber: ledger.documentNumber,
          request: ledger.documentRequest ?? null,
          ledgerState: ledger.state,
          ledgerAttempts: ledger.attempts,
        }
      : null,
    links: {
      shopOrder: { externalOrderId: facts.externalOrderId, orderNumber: summary?.orderNumber ?? null },
      customer: customerId ? { customerId, displayName: str(resolved?.detail.displayName) } : null,
      debtor: summary?.debtorId ? { debtorId: summary.debtorId } : null,
      document: documentNumber || documentId ? { documentId, documentNumber: documentNumber ?? '' } : null,
      traceId,
    },
    attempts: facts.journey
      .filter((e) => attemptStages.has(e.stage))
      .map((e) => ({
        stage: e.stage,
        at: e.at.toISOString(),
        outcome: outcomeOf(e.stage, e.detail),
        detail: e.detail,
      })),
    deadLetters: facts.deadLetters.map((d) => ({
      id: d.id,
      stage: d.stage,
      code: d.errorCode,
      failedAt: d.failedAt.toISOString(),
      replayCount: d.replayCount,
    })),
  };
}
