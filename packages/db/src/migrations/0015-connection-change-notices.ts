import { type Kysely, sql } from 'kysely';

/**
 * Issue 14: every committed change of a connection row (insert, update, delete, from any writer)
 * sends a notice on `koppel_connection_changed` carrying the connection's id, so a process that
 * keeps connections in memory can drop what changed (`cacheConnectionLookups`). Postgres delivers
 * a notice only once its transaction commits; nothing listens unless a process asks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function koppel_connection_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('koppel_connection_changed', coalesce(new.id, old.id));
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger connections_changed after insert or update or delete on connections
    for each row execute function koppel_connection_changed()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger connections_changed on connections`.execute(db);
  await sql`drop function koppel_connection_changed()`.execute(db);
}
