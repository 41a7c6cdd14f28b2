import type { Kysely } from 'kysely';

/**
 * The number the target gave the booked document, and when its `orders.booked` announcement was
 * published, kept with the ledger row. A delivery request seen again after its booking whose
 * announcement failed to publish (the retry of that very request, or a redelivery after a crash)
 * then announces the document, so the write-back to the shop is not lost; once announced, later
 * requests of the order (a status change in the shop) announce nothing, so a write-back never
 * overwrites what the merchant changed since. Null number on rows marked before this migration:
 * the number Koppel asked for (`document_number`) may not be the one a target assigned, so those
 * rows are not announced again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('delivery_ledger')
    .addColumn('booked_number', 'text')
    .addColumn('announced_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('delivery_ledger')
    .dropColumn('booked_number')
    .dropColumn('announced_at')
    .execute();
}
