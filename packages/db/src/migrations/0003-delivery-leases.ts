import type { Kysely } from 'kysely';

/**
 * The delivery ledger and the debtor claim become owned leases with a fencing token: each
 * acquisition bumps `*_fence`, and every later write (renew, mark delivered, bind, release) must
 * carry the fence it was given, so a worker whose lease expired and was taken over can no longer
 * write. Lease times come from the database clock (`now()`), never a replica's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('delivery_ledger')
    .addColumn('lease_fence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('delivery_ledger').addColumn('lease_until', 'timestamptz').execute();
  await db.schema
    .alterTable('debtor_bindings')
    .addColumn('claim_fence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('debtor_bindings').dropColumn('claim_fence').execute();
  await db.schema.alterTable('delivery_ledger').dropColumn('lease_until').execute();
  await db.schema.alterTable('delivery_ledger').dropColumn('lease_fence').execute();
}
