import { type Kysely, sql } from 'kysely';

/**
 * Product sync (issue 11): per connection a schedule with a lease (one runner per connection at
 * a time, like `poll_schedules`), its runs with their resumable position (the source page being
 * worked on and how many of its chunks were sent), and per (connection, SKU) what was last sent.
 * A chunk's items and the run's position move in one transaction, fenced by the lease, so a
 * restarted run continues from the first unsent chunk. The settings themselves live in
 * `connections.sync_settings.products` (migration 0009).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_sync_schedules')
    .addColumn('connection_id', 'text', (c) =>
      c.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // An operator's "sync now" (the next run is manual) and "full resync" (it sends every product).
    .addColumn('run_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('full_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    // Start of the last completed run: the next incremental run asks the source for changes since.
    .addColumn('last_success_started_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('product_sync_schedules_due')
    .on('product_sync_schedules')
    .column('next_run_at')
    .execute();

  await db.schema
    .createTable('product_sync_runs')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running'))
    .addColumn('full', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('changed_since', 'timestamptz')
    // Position: the page token being worked on (null: the first page) and its chunks already sent.
    .addColumn('source_page', 'text')
    .addColumn('chunk_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pages_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chunks_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('products_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('products_refused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('products_skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('products_excluded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // At most one unfinished run per connection: a restarted runner resumes it instead of starting another.
  await db.schema
    .createIndex('product_sync_runs_one_running')
    .on('product_sync_runs')
    .column('connection_id')
    .unique()
    .where(sql.ref('status'), '=', 'running')
    .execute();
  await db.schema
    .createIndex('product_sync_runs_by_connection')
    .on('product_sync_runs')
    .columns(['connection_id', 'id'])
    .execute();

  await db.schema
    .createTable('product_sync_items')
    .addColumn('connection_id', 'text', (c) => c.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('price_hash', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('shop_product_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('run_id', 'bigint')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('product_sync_items_pk', ['connection_id', 'sku'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('product_sync_items').execute();
  await db.schema.dropTable('product_sync_runs').execute();
  await db.schema.dropTable('product_sync_schedules').execute();
}
