import { type Kysely, sql } from 'kysely';

/**
 * The connector platform: a connection's source side gets its own settings and sealed
 * credentials (a polled shop needs an API token), and polled sources get a schedule row per
 * connection holding the cursor, the next due time and the poller's lease.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('connections')
    .addColumn('source_settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // Empty string = no source credentials (a webhook-only shop needs none).
  await db.schema
    .alterTable('connections')
    .addColumn('source_credentials_sealed', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('poll_schedules')
    .addColumn('connection_id', 'text', (c) =>
      c.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('cursor', 'text', (c) => c.notNull())
    // Bumped by every operator reset, so a poll that was running during a reset cannot overwrite it.
    .addColumn('cursor_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('next_poll_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_polled_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('poll_schedules_due').on('poll_schedules').column('next_poll_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('poll_schedules').execute();
  await db.schema.alterTable('connections').dropColumn('source_credentials_sealed').execute();
  await db.schema.alterTable('connections').dropColumn('source_settings').execute();
}
