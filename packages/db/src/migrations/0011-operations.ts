import { type Kysely, sql } from 'kysely';

/**
 * Operations (issue 12): what an operator needs to find, fix and replay orders.
 *
 * - `order_summaries`: one row per order, upserted in the same statement as each journey row
 *   (`createJourneyRepository().record`), so the activity log lists, filters and pages orders on
 *   indexes instead of scanning `order_journey`. `id` is the stable paging key (newest first).
 * - `dead_letters`: every dead letter with the original record's bytes, key and headers, written
 *   where the stage gives up (before its record is committed), so a replay needs no Kafka
 *   retention and nothing accepted is lost; unique per source record and stage.
 * - `connections.paused_at`: a paused connection's deliveries wait (parked) until it is resumed.
 * - `delivery_ledger.document_request`: the request body last sent to the target (credentials
 *   removed, size bounded), recorded with `document_requested_at` in the same update.
 * - `order_journey.trace_id`: the W3C trace id the stage ran under.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_summaries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('external_order_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // The last stage that changed where the order stands (null: only a duplicate so far).
    .addColumn('status_stage', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('order_number', 'text')
    .addColumn('customer_email', 'text')
    .addColumn('debtor_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('document_number', 'text')
    .addColumn('trace_id', 'text')
    .addColumn('replays', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('order_summaries_order', ['connection_id', 'external_order_id'])
    .execute();
  await sql`create index order_summaries_page on order_summaries (connection_id, id desc)`.execute(db);
  await sql`create index order_summaries_status on order_summaries (connection_id, status_stage, id desc)`.execute(
    db,
  );
  await sql`create index order_summaries_received on order_summaries (connection_id, received_at)`.execute(
    db,
  );
  await sql`create index order_summaries_number on order_summaries (connection_id, order_number text_pattern_ops)`.execute(
    db,
  );
  await sql`create index order_summaries_email on order_summaries (connection_id, customer_email text_pattern_ops)`.execute(
    db,
  );
  await sql`create index order_summaries_external on order_summaries (connection_id, external_order_id text_pattern_ops)`.execute(
    db,
  );

  await db.schema
    .createTable('dead_letters')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('connection_id', 'text', (c) => c.notNull())
    .addColumn('external_order_id', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('source_topic', 'text', (c) => c.notNull())
    .addColumn('source_partition', 'integer', (c) => c.notNull())
    .addColumn('source_offset', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('payload', 'bytea', (c) => c.notNull())
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error_code', 'text', (c) => c.notNull())
    .addColumn('error_message', 'text', (c) => c.notNull())
    .addColumn('error_field', 'text')
    .addColumn('error_details', 'jsonb')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('replay_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replayed_at', 'timestamptz')
    // A record dead-lettered again after a crash before its commit is stored once.
    .addUniqueConstraint('dead_letters_source', [
      'stage',
      'source_topic',
      'source_partition',
      'source_offset',
    ])
    .execute();
  await sql`create index dead_letters_connection on dead_letters (connection_id, id desc)`.execute(db);
  await sql`create index dead_letters_order on dead_letters (connection_id, external_order_id, id)`.execute(
    db,
  );

  await db.schema.alterTable('connections').addColumn('paused_at', 'timestamptz').execute();
  await db.schema.alterTable('delivery_ledger').addColumn('document_request', 'jsonb').execute();
  await db.schema.alterTable('order_journey').addColumn('trace_id', 'text').execute();

  // Orders journeyed before this migration get their summary from the journey (same rules).
  await sql`
    insert into order_summaries (connection_id, external_order_id, received_at, updated_at,
      status_stage, status_reason, order_number, customer_email, debtor_id, document_id, document_number)
    select o.connection_id, o.external_order_id, o.first_at, o.last_at,
      (select j.stage from order_journey j where j.connection_id = o.connection_id
         and j.external_order_id = o.external_order_id
         and j.stage not in ('duplicate_ignored', 'written_back') order by j.id desc limit 1),
      null,
      (select j.detail->'order'->>'orderNumber' from order_journey j where j.connection_id = o.connection_id
         and j.external_order_id = o.external_order_id and j.stage = 'mapped' order by j.id desc limit 1),
      (select lower(j.detail->'order'->'customer'->>'email') from order_journey j
         where j.connection_id = o.connection_id and j.external_order_id = o.external_order_id
         and j.stage = 'mapped' order by j.id desc limit 1),
      (select j.detail->>'debtorId' from order_journey j where j.connection_id = o.connection_id
         and j.external_order_id = o.external_order_id and j.detail ? 'debtorId' order by j.id desc limit 1),
      (select j.detail->>'documentId' from order_journey j where j.connection_id = o.connection_id
         and j.external_order_id = o.external_order_id and j.detail ? 'documentId' order by j.id desc limit 1),
      (select j.detail->>'documentNumber' from order_journey j where j.connection_id = o.connection_id
         and j.external_order_id = o.external_order_id and j.detail ? 'documentNumber' order by j.id desc limit 1)
    from (select connection_id, external_order_id, min(created_at) as first_at, max(created_at) as last_at,
            min(id) as first_id
          from order_journey group by connection_id, external_order_id) o
    order by o.first_id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order_journey').dropColumn('trace_id').execute();
  await db.schema.alterTable('delivery_ledger').dropColumn('document_request').execute();
  await db.schema.alterTable('connections').dropColumn('paused_at').execute();
  await db.schema.dropTable('dead_letters').execute();
  await db.schema.dropTable('order_summaries').execute();
}
