import type { Kysely } from 'kysely';

/**
 * The number the target gave the booked document, kept with the ledger row when it is marked
 * delivered. A delivery request seen again after its booking (its `orders.booked` announcement
 * failed to publish, a redelivery after a crash) then announces the document once more, so the
 * write-back to the shop is not lost. Null on rows marked before this migration: the number
 * Koppel asked for (`document_number`) may not be the one a target assigned, so those rows are
 * not announced again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('delivery_ledger').addColumn('booked_number', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('delivery_ledger').dropColumn('booked_number').execute();
}
