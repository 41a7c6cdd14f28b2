import { type Kysely, sql } from 'kysely';

/**
 * Notifications (issue 12): who hears of a connection's problems, and when they last did.
 *
 * - `connections.notifications`: `{ email?: { to[] }, webhook?: { url }, intervalMinutes }`,
 *   parsed by `@koppel/notifications`; `notification_secret_sealed` holds the Standard Webhooks
 *   signing secret, sealed like credentials.
 * - `notification_state`: per (connection, problem) when it was first seen, last sent and how
 *   often it recurred since; the conditional upsert that claims a send is what keeps a problem to
 *   one notification per interval, whichever replica finds it.
 * - `notifier_watermarks`: how far the notifier has read a growing table (dead letters).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('connections')
    .addColumn('notifications', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .alterTable('connections')
    .addColumn('notification_secret_sealed', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('notification_state')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('problem_key', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_sent_at', 'timestamptz')
    .addColumn('occurrences', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('notification_state_pk', ['connection_id', 'problem_key'])
    .execute();
  await db.schema
    .createTable('notifier_watermarks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notifier_watermarks').execute();
  await db.schema.dropTable('notification_state').execute();
  await db.schema.alterTable('connections').dropColumn('notification_secret_sealed').execute();
  await db.schema.alterTable('connections').dropColumn('notifications').execute();
}
