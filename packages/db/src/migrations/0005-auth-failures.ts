import { type Kysely, sql } from 'kysely';

/**
 * Authentication hardening: failed authentications counted per scope (a source address, a
 * connection) in fixed windows timed by the database clock, so every replica sees one count;
 * and admin API keys, stored as sha256 digests, each scoped to one tenant or an operator key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_failures')
    // e.g. `ingest:address:203.0.113.7`, `ingest:connection:<id>`, `admin:address:10.0.0.1`.
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auth_failures_window_ends_at')
    .on('auth_failures')
    .column('window_ends_at')
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // sha256 hex of the key; the key itself is shown once, at creation, and never stored.
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    // Null only for operator keys, which see every tenant.
    .addColumn('tenant_id', 'text')
    .addColumn('operator', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('api_keys_scope', sql`operator or tenant_id is not null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
  await db.schema.dropTable('auth_failures').execute();
}
