import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** How many failures a scope may have in one window before it is refused. */
export type AuthFailureLimit = {
  /** e.g. `ingest:address:203.0.113.7`; one row per scope. */
  scope: string;
  /** Failures allowed per window; the next attempt is refused until the window ends. */
  maxFailures: number;
};

export type AuthFailureRepository = {
  /**
   * Seconds until the first of these scopes that used up its failures may try again, or
   * undefined when none is blocked. Read before checking a credential, so a blocked caller
   * learns nothing about its guess.
   */
  blockedFor(limits: readonly AuthFailureLimit[]): Promise<number | undefined>;
  /** Counts one failure on each scope; a scope whose window ended starts a new one. */
  recordFailure(scopes: readonly string[], windowSeconds: number): Promise<void>;
};

/**
 * Failed authentications counted in Postgres with fixed windows timed by the database clock,
 * so every replica enforces one shared limit. The upsert is one statement: concurrent
 * failures on the same scope are all counted.
 */
export function createAuthFailureRepository(db: Kysely<Database>): AuthFailureRepository {
  return {
    async blockedFor(limits) {
      if (limits.length === 0) return undefined;
      const blocked = limits.map((l) => sql`(scope = ${l.scope} and failures >= ${l.maxFailures})`);
      const { rows } = await sql<{ seconds: number | string | null }>`
        select ceil(extract(epoch from max(window_ends_at) - now())) as seconds
        from auth_failures
        where window_ends_at > now() and (${sql.join(blocked, sql` or `)})`.execute(db);
      const seconds = rows[0]?.seconds;
      return seconds === null || seconds === undefined ? undefined : Math.max(1, Number(seconds));
    },
    async recordFailure(scopes, windowSeconds) {
      if (scopes.length === 0) return;
      const window = sql`make_interval(secs => ${windowSeconds})`;
      await db
        .insertInto('auth_failures')
        .values(scopes.map((scope) => ({ scope, failures: 1, window_ends_at: sql<Date>`now() + ${window}` })))
        .onConflict((oc) =>
          oc.column('scope').doUpdateSet({
            failures: sql`case when auth_failures.window_ends_at <= now() then 1
              else auth_failures.failures + 1 end`,
            window_ends_at: sql`case when auth_failures.window_ends_at <= now() then excluded.window_ends_at
              else auth_failures.window_ends_at end`,
          }),
        )
        .execute();
      // Expired rows of other scopes are of no use; a few are cleared on each failure.
      await sql`delete from auth_failures where scope in (
        select scope from auth_failures where window_ends_at < now() - interval '1 hour' limit 100)`.execute(
        db,
      );
    },
  };
}
