import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export type LedgerState = { state: 'delivering' | 'delivered'; documentId: string | null; attempts: number };

/**
 * One row per (connection, external order id): the guard against booking an order twice.
 * `begin` is one upsert; a row already `delivered` means skip, a row left `delivering` by a
 * crash means "look in the target before creating".
 */
export function createDeliveryLedgerRepository(db: Kysely<Database>) {
  return {
    async begin(connectionId: string, externalOrderId: string, documentNumber: string): Promise<LedgerState> {
      const row = await db
        .insertInto('delivery_ledger')
        .values({
          connection_id: connectionId,
          external_order_id: externalOrderId,
          state: 'delivering',
          document_number: documentNumber,
          attempts: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'external_order_id'])
            .doUpdateSet({ attempts: sql`delivery_ledger.attempts + 1`, updated_at: new Date() }),
        )
        .returning(['state', 'document_id', 'attempts'])
        .executeTakeFirstOrThrow();
      return { state: row.state, documentId: row.document_id, attempts: row.attempts };
    },

    async markDelivered(connectionId: string, externalOrderId: string, documentId: string): Promise<void> {
      await db
        .updateTable('delivery_ledger')
        .set({ state: 'delivered', document_id: documentId, updated_at: new Date() })
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .execute();
    },

    async countDelivered(connectionId: string): Promise<number> {
      const row = await db
        .selectFrom('delivery_ledger')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('connection_id', '=', connectionId)
        .where('state', '=', 'delivered')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type DeliveryLedgerRepository = ReturnType<typeof createDeliveryLedgerRepository>;
