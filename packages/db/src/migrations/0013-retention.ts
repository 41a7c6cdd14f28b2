import { type Kysely, sql } from 'kysely';

/**
 * Retention and erasure (issue 12; the rules are in the root README, "Retention and erasure").
 *
 * - `tenant_settings`: per tenant how many days payloads and personal data are kept (default 30
 *   when a tenant has no row).
 * - `audit_log`: who (API key id and label) did what (an erasure, a retention change, a purge run
 *   by hand) in which tenant, with counts; an erasure names its subject only by a hash.
 * - `maintenance_leases`: one row per background job (the retention purge), held with a lease on
 *   the database clock so two replicas never run it at once; a crashed holder's lease runs out.
 * - Indexes that let the purge find old rows in small batches without scanning: partial where a
 *   purged row no longer matches, so the work left is what the index holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tenant_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey())
    .addColumn('retention_days', 'integer', (c) =>
      c.notNull().defaultTo(30).check(sql`retention_days between 1 and 3650`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // Null for a configured operator key (ADMIN_API_KEYS), which has no row in api_keys.
    .addColumn('actor_key_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    // sha256 hex of the erased subject (tenant + normalised e-mail); never the e-mail itself.
    .addColumn('subject_hash', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index audit_log_tenant on audit_log (tenant_id, id desc)`.execute(db);

  await db.schema
    .createTable('maintenance_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'timestamptz', (c) => c.notNull())
    .addColumn('last_finished_at', 'timestamptz')
    .execute();

  // What the purge still has to do, each on an index it can walk in batches.
  await sql`create index order_journey_unpurged on order_journey (created_at)
    where not (detail ? 'retentionPurgedAt')`.execute(db);
  await sql`create index dead_letters_unpurged on dead_letters (failed_at)
    where octet_length(payload) > 0`.execute(db);
  await sql`create index delivery_ledger_request on delivery_ledger (updated_at)
    where document_request is not null`.execute(db);
  await sql`create index order_summaries_email_kept on order_summaries (updated_at)
    where customer_email is not null`.execute(db);
  await sql`create index inbox_received on inbox (received_at)`.execute(db);
  await sql`create index bus_records_created on bus_records (created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'bus_records_created',
    'inbox_received',
    'order_summaries_email_kept',
    'delivery_ledger_request',
    'dead_letters_unpurged',
    'order_journey_unpurged',
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  await db.schema.dropTable('maintenance_leases').execute();
  await db.schema.dropTable('audit_log').execute();
  await db.schema.dropTable('tenant_settings').execute();
}
