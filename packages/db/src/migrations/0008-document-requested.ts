import type { Kysely } from 'kysely';

/**
 * The delivery ledger records when the create of an order's document was last sent
 * (`document_requested_at`, database clock), right before the call. For a target that cannot be
 * searched by order, a row still `delivering` with this set means an earlier attempt may have
 * booked the document: the delivery steps then stop for a person instead of creating it again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('delivery_ledger').addColumn('document_requested_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('delivery_ledger').dropColumn('document_requested_at').execute();
}
