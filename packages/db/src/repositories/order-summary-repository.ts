import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, OrderSummariesTable } from '../schema.js';

/** One order as the activity log lists it (kept by the journey repository). */
export type OrderSummary = {
  /** Stable paging key: newer orders have larger ids. */
  id: string;
  connectionId: string;
  externalOrderId: string;
  receivedAt: Date;
  updatedAt: Date;
  /** The last stage that changed where the order stands; null when only a duplicate was seen. */
  statusStage: string | null;
  statusReason: string | null;
  orderNumber: string | null;
  customerEmail: string | null;
  debtorId: string | null;
  documentId: string | null;
  documentNumber: string | null;
  traceId: string | null;
  replays: number;
};

export type OrderSummaryFilter = {
  connectionId: string;
  /** Orders whose status stage is one of these (`null` in the list: only a duplicate seen). */
  statusStages?: readonly (string | null)[];
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Prefix of the shop's order id or number, or of the customer's e-mail (case-insensitive). */
  search?: string;
  /** Only orders listed after this id (newest first). */
  beforeId?: string;
  /** Journey ids that are not orders (the source poller's own entries). */
  excludeExternalOrderIds?: readonly string[];
  limit: number;
};

/** An order of the reconciliation period with what the ledger says about its document. */
export type ReconciliationRow = OrderSummary & {
  ledgerState: string | null;
  ledgerDocumentNumber: string | null;
};

function toSummary(row: Selectable<OrderSummariesTable>): OrderSummary {
  return {
    id: String(row.id),
    connectionId: row.connection_id,
    externalOrderId: row.external_order_id,
    receivedAt: new Date(row.received_at),
    updatedAt: new Date(row.updated_at),
    statusStage: row.status_stage,
    statusReason: row.status_reason,
    orderNumber: row.order_number,
    customerEmail: row.customer_email,
    debtorId: row.debtor_id,
    documentId: row.document_id,
    documentNumber: row.document_number,
    traceId: row.trace_id,
    replays: row.replays,
  };
}

/** `%`, `_` and `\` are literal in a search (LIKE's default escape is `\`). */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The activity log's reads over `order_summaries`: every filter is served by an index on
 * (connection, status stage | received time | order id, number or e-mail prefix, id).
 */
export function createOrderSummaryRepository(db: Kysely<Database>) {
  return {
    async list(filter: OrderSummaryFilter): Promise<OrderSummary[]> {
      let query = db
        .selectFrom('order_summaries')
        .selectAll()
        .where('connection_id', '=', filter.connectionId);
      const stages = filter.statusStages;
      if (stages !== undefined) {
        const named = stages.filter((s): s is string => s !== null);
        query = query.where((eb) =>
          eb.or([
            ...(named.length > 0 ? [eb('status_stage', 'in', named)] : []),
            ...(stages.includes(null) ? [eb('status_stage', 'is', null)] : []),
            ...(named.length === 0 && !stages.includes(null) ? [eb.lit(false)] : []),
          ]),
        );
      }
      if (filter.receivedFrom) query = query.where('received_at', '>=', filter.receivedFrom);
      if (filter.receivedBefore) query = query.where('received_at', '<', filter.receivedBefore);
      if (filter.search !== undefined && filter.search !== '') {
        const prefix = likePrefix(filter.search);
        const lower = likePrefix(filter.search.toLowerCase());
        query = query.where((eb) =>
          eb.or([
            eb('external_order_id', 'like', prefix),
            eb('order_number', 'like', prefix),
            eb('customer_email', 'like', lower),
          ]),
        );
      }
      if (filter.excludeExternalOrderIds && filter.excludeExternalOrderIds.length > 0) {
        query = query.where('external_order_id', 'not in', [...filter.excludeExternalOrderIds]);
      }
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(toSummary);
    },

    async find(connectionId: string, externalOrderId: string): Promise<OrderSummary | undefined> {
      const row = await db
        .selectFrom('order_summaries')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .executeTakeFirst();
      return row ? toSummary(row) : undefined;
    },

    /** Orders received in [from, to) with their ledger row, oldest first, at most `limit`. */
    async listForReconciliation(
      connectionId: string,
      from: Date,
      to: Date,
      limit: number,
      excludeExternalOrderIds: readonly string[] = [],
    ): Promise<ReconciliationRow[]> {
      let query = db
        .selectFrom('order_summaries as s')
        .leftJoin('delivery_ledger as l', (join) =>
          join
            .onRef('l.connection_id', '=', 's.connection_id')
            .onRef('l.external_order_id', '=', 's.external_order_id'),
        )
        .selectAll('s')
        .select(['l.state as ledger_state', 'l.document_number as ledger_document_number'])
        .where('s.connection_id', '=', connectionId)
        .where('s.received_at', '>=', from)
        .where('s.received_at', '<', to);
      if (excludeExternalOrderIds.length > 0) {
        query = query.where('s.external_order_id', 'not in', [...excludeExternalOrderIds]);
      }
      const rows = await query.orderBy('s.id').limit(limit).execute();
      return rows.map((row) => ({
        ...toSummary(row),
        ledgerState: row.ledger_state,
        ledgerDocumentNumber: row.ledger_document_number,
      }));
    },

    /**
     * Orders of the period whose document the target already had when Koppel looked (the
     * delivery steps' look-up found it): booked outside Koppel, or by an attempt whose answer was lost.
     */
    async listFoundInTarget(
      connectionId: string,
      from: Date,
      to: Date,
    ): Promise<{ externalOrderId: string; documentNumber: string; at: Date }[]> {
      const rows = await db
        .selectFrom('order_journey')
        .select([
          'external_order_id',
          'created_at',
          sql<string>`detail->>'documentNumber'`.as('document_number'),
        ])
        .where('connection_id', '=', connectionId)
        .where('stage', '=', 'already_in_target')
        .where(sql<boolean>`detail ? 'documentNumber'`)
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        externalOrderId: r.external_order_id,
        documentNumber: r.document_number,
        at: new Date(r.created_at),
      }));
    },

    /** Documents the ledger holds for more than one order of the connection (a double booking). */
    async listSharedDocuments(
      connectionId: string,
    ): Promise<{ documentNumber: string; externalOrderIds: string[] }[]> {
      const rows = await db
        .selectFrom('delivery_ledger')
        .select([
          'document_number',
          sql<string[]>`array_agg(external_order_id order by external_order_id)`.as('orders'),
        ])
        .where('connection_id', '=', connectionId)
        .where('state', '=', 'delivered')
        .groupBy('document_number')
        .having(sql<boolean>`count(*) > 1`)
        .execute();
      return rows.map((r) => ({ documentNumber: r.document_number, externalOrderIds: r.orders }));
    },
  };
}

export type OrderSummaryRepository = ReturnType<typeof createOrderSummaryRepository>;
