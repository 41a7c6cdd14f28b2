import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** What the delivery ledger knows about one order, as an operator reads it. */
export type DeliveryRecord = {
  state: 'delivering' | 'delivered';
  documentId: string | null;
  documentNumber: string;
  attempts: number;
  documentRequestedAt: Date | null;
  /** The request body last sent to create the document (credentials removed, bounded). */
  documentRequest: unknown;
  updatedAt: Date;
};

/**
 * The admin side of the delivery ledger: read one order's row, and the operator's confirmation
 * that a document whose create may have reached a target that cannot be searched (InnVoice) is
 * not there, which clears `document_requested_at` so a replay may send the create again.
 */
export function createDeliveryRecordRepository(db: Kysely<Database>) {
  return {
    async find(connectionId: string, externalOrderId: string): Promise<DeliveryRecord | undefined> {
      const row = await db
        .selectFrom('delivery_ledger')
        .select([
          'state',
          'document_id',
          'document_number',
          'attempts',
          'document_requested_at',
          'document_request',
          'updated_at',
        ])
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        state: row.state,
        documentId: row.document_id,
        documentNumber: row.document_number,
        attempts: row.attempts,
        documentRequestedAt: row.document_requested_at === null ? null : new Date(row.document_requested_at),
        documentRequest: row.document_request ?? null,
        updatedAt: new Date(row.updated_at),
      };
    },

    /**
     * Clears the record of a create that may have been sent, on the operator's word that the
     * target does not have the document; only while the order is not delivered. False when
     * there is nothing to clear (delivered, or no create recorded).
     */
    async confirmNotInTarget(connectionId: string, externalOrderId: string): Promise<boolean> {
      const row = await db
        .updateTable('delivery_ledger')
        .set({ document_requested_at: null, updated_at: sql`now()` })
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .where('state', '=', 'delivering')
        .where('document_requested_at', 'is not', null)
        .returning('attempts')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type DeliveryRecordRepository = ReturnType<typeof createDeliveryRecordRepository>;
