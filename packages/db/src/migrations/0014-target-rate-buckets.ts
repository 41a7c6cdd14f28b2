import { type Kysely, sql } from 'kysely';

/**
 * Issue 14, "Target calls": one token bucket per connection and target system, shared by every
 * replica (the arithmetic is in repositories/target-rate-bucket-repository.ts).
 *
 * - `tokens`: the bucket's content as of `refilled_at`; negative while callers have reserved
 *   slots ahead (each waits its turn instead of polling).
 * - `refilled_at`: the instant `tokens` holds for, on the database clock. It lies in the future
 *   while the target has asked for a pause: nothing refills before it.
 * - `blocked_until`: the latest Retry-After end a target answered (a 429), for a person to read;
 *   `refilled_at` carries it into the arithmetic.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('target_rate_buckets')
    .addColumn('system', 'text', (c) => c.notNull())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('tokens', 'float8', (c) => c.notNull())
    .addColumn('refilled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('blocked_until', 'timestamptz')
    .addPrimaryKeyConstraint('target_rate_buckets_pkey', ['system', 'connection_id'])
    .execute();
  await sql`comment on table target_rate_buckets is 'Shared token bucket per connection and target system (issue 14)'`.execute(
    db,
  );
}
