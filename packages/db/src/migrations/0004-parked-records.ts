import { type Kysely, sql } from 'kysely';

/**
 * Parked records: a record whose retry must wait long (a long backoff or a target's Retry-After)
 * leaves its partition and waits here with its due time, so the other keys of the partition move
 * on. Later records of the same key queue behind it (`id` keeps their order). The consumer
 * runner's re-driver claims due heads of key with `FOR UPDATE SKIP LOCKED`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parked_records')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('partition', 'integer', (c) => c.notNull())
    // Kafka offsets are int64; text keeps them exact in JavaScript.
    .addColumn('offset', 'text', (c) => c.notNull())
    .addColumn('value', 'bytea', (c) => c.notNull())
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Also the lease: a claimed row is pushed into the future until its re-drive ends.
    .addColumn('due_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('parked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A record re-delivered after a crash between park and commit is parked once.
    .addUniqueConstraint('parked_records_source', ['group_id', 'topic', 'partition', 'offset'])
    .execute();
  await db.schema
    .createIndex('parked_records_key')
    .on('parked_records')
    .columns(['group_id', 'topic', 'key', 'id'])
    .execute();
  await db.schema
    .createIndex('parked_records_due')
    .on('parked_records')
    .columns(['group_id', 'topic', 'due_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('parked_records').execute();
}
