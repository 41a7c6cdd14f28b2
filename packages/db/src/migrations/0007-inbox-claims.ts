import type { Kysely } from 'kysely';

/**
 * The inbox row is claimed, not just checked: the request (or poll) that publishes an event
 * holds a claim with a lease, so a second identical webhook arriving at the same instant waits
 * for the first instead of publishing the event again; a claim left by a crash expires.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inbox').addColumn('claim_token', 'text').execute();
  await db.schema.alterTable('inbox').addColumn('claimed_until', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('inbox').dropColumn('claimed_until').execute();
  await db.schema.alterTable('inbox').dropColumn('claim_token').execute();
}
