import { type Kysely, sql } from 'kysely';

/**
 * Stock sync (issue 11; the rules are in packages/stock-sync/README.md).
 *
 * - `connections.sync_settings`: `{ stock?, products? }`, each part parsed by its own package.
 * - `stock_read_schedules`: per connection whose books/POS report stock, when it is next read,
 *   the change-feed marker, when the next full resync is due (or that an operator asked for one),
 *   and the lease of the reader reading it (one reader per connection across replicas).
 * - `stock_observations`: what the reader last saw and sent per (connection, SKU), for change
 *   detection.
 * - `stock_order_holds`: units per (connection, order, SKU) of shop orders Koppel received; while
 *   an order is not booked in the target (`delivery_ledger`), its units are taken off the pushed
 *   quantity so a sale racing a stock push never oversells.
 * - `stock_applied`: what the sink applied per (connection, SKU). Last write wins by source time,
 *   in the database: the upsert only replaces a row whose (source_time, read_started_at) is older.
 *   `status` says whether the shop has it (`updated`), still needs it (`pending`) or does not know
 *   the article (`unknown-article`, with `unknown_at`); `version` fences the pusher's writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('connections')
    .addColumn('sync_settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();

  await db.schema
    .createTable('stock_read_schedules')
    .addColumn('connection_id', 'text', (c) => c.primaryKey())
    .addColumn('next_read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('next_full_resync_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resync_requested_at', 'timestamptz')
    .addColumn('change_marker', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_read_at', 'timestamptz')
    .addColumn('last_full_resync_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('stock_observations')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('ean', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('available', 'bigint', (c) => c.notNull())
    // The quantity last sent: available less the units in flight at that reading.
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('source_time', 'timestamptz', (c) => c.notNull())
    .addColumn('observed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stock_observations_pkey', ['connection_id', 'sku'])
    .execute();

  await db.schema
    .createTable('stock_order_holds')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('external_order_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set when the shop cancelled the order before it was booked: it holds nothing any more.
    .addColumn('released_at', 'timestamptz')
    .addPrimaryKeyConstraint('stock_order_holds_pkey', ['connection_id', 'external_order_id', 'sku'])
    .execute();
  await db.schema
    .createIndex('stock_order_holds_sku')
    .on('stock_order_holds')
    .columns(['connection_id', 'sku', 'received_at'])
    .execute();

  await db.schema
    .createTable('stock_applied')
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('ean', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('available', 'bigint', (c) => c.notNull())
    .addColumn('source_time', 'timestamptz', (c) => c.notNull())
    .addColumn('read_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'updated', 'unknown-article')`),
    )
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('pushed_quantity', 'bigint')
    .addColumn('pushed_at', 'timestamptz')
    .addColumn('unknown_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    .addPrimaryKeyConstraint('stock_applied_pkey', ['connection_id', 'sku'])
    .execute();
  await sql`create index stock_applied_due on stock_applied (connection_id, due_at) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex('stock_applied_status')
    .on('stock_applied')
    .columns(['connection_id', 'status', 'sku'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('stock_applied').execute();
  await db.schema.dropTable('stock_order_holds').execute();
  await db.schema.dropTable('stock_observations').execute();
  await db.schema.dropTable('stock_read_schedules').execute();
  await db.schema.alterTable('connections').dropColumn('sync_settings').execute();
}
