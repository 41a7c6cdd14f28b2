import type { Kysely } from 'kysely';

/**
 * Issue 14: a digest of the debtor details Koppel last wrote to (or found equal in) the target, per
 * binding, so an order from a known customer whose details did not change books without looking
 * the debtor up or updating it. Null: not known yet (the next order updates as before).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('debtor_bindings').addColumn('synced_digest', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('debtor_bindings').dropColumn('synced_digest').execute();
}
