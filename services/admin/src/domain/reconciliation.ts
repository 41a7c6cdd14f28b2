import { toJourneyStatus } from './journey-status.js';

/** One order of the period as the reconciliation reads it (plain data from the repositories). */
export type ReconciliationOrder = {
  externalOrderId: string;
  orderNumber: string | null;
  statusStage: string | null;
  statusReason: string | null;
  receivedAt: Date;
  ledgerState: string | null;
  ledgerDocumentNumber: string | null;
};

export type OrderDifference = {
  externalOrderId: string;
  orderNumber: string | null;
  status: string;
  reason: string | null;
  receivedAt: string;
};

export type ReconciliationReport = {
  ordersSeen: number;
  documentsBooked: number;
  differences: {
    /** Seen but neither booked nor deliberately left out: still under way, or failed. */
    missing: OrderDifference[];
    skipped: OrderDifference[];
    ignored: OrderDifference[];
    deadLettered: OrderDifference[];
    /** Waiting for a paused connection to be resumed. */
    waiting: OrderDifference[];
  };
  duplicates: {
    /** Orders whose document the target already had when Koppel looked (booked outside Koppel?). */
    foundInTarget: { externalOrderId: string; documentNumber: string; at: string }[];
    /** One document number the ledger holds for several orders. */
    sharedDocuments: { documentNumber: string; externalOrderIds: string[] }[];
  };
};

const bucketOf: Record<string, keyof ReconciliationReport['differences']> = {
  skipped: 'skipped',
  ignored: 'ignored',
  dead_lettered: 'deadLettered',
  waiting: 'waiting',
};

/**
 * Shop orders seen in the period against documents booked (the delivery ledger, which only a
 * booking marks delivered), with every order that has no document sorted by why (pure).
 */
export function buildReconciliation(
  orders: readonly ReconciliationOrder[],
  foundInTarget: ReconciliationReport['duplicates']['foundInTarget'],
  sharedDocuments: ReconciliationReport['duplicates']['sharedDocuments'],
): ReconciliationReport {
  const report: ReconciliationReport = {
    ordersSeen: orders.length,
    documentsBooked: 0,
    differences: { missing: [], skipped: [], ignored: [], deadLettered: [], waiting: [] },
    duplicates: { foundInTarget, sharedDocuments },
  };
  for (const order of orders) {
    if (order.ledgerState === 'delivered') {
      report.documentsBooked += 1;
      continue;
    }
    const status = toJourneyStatus(order.statusStage ? [order.statusStage] : []) ?? 'received';
    report.differences[bucketOf[status] ?? 'missing'].push({
      externalOrderId: order.externalOrderId,
      orderNumber: order.orderNumber,
      status,
      reason: order.statusReason,
      receivedAt: order.receivedAt.toISOString(),
    });
  }
  return report;
}
