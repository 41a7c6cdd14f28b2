import { type Kysely, sql } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
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
  // Every webhook asks before its secret is checked: concurrent asks share one read.
  const blockedForMany = createGroupWriter(async (asks: (readonly AuthFailureLimit[])[]) => {
    const scopes = [...new Set(asks.flatMap((limits) => limits.map((l) => l.scope)))];
    const rows = await db
      .selectFrom('auth_failures')
      .select([
        'scope',
        'failures',
        sql<number | string>`ceil(extract(epoch from window_ends_at - now()))`.as('seconds'),
      ])
      .where('window_ends_at', '>', sql<Date>`now()`)
      .where('scope', 'in', scopes)
      .execute();
    const open = new Map(rows.map((row) => [row.scope, row]));
    return asks.map((limits) => {
      const waits = limits.flatMap((limit) => {
        const row = open.get(limit.scope);
        return row && row.failures >= limit.maxFailures ? [Number(row.seconds)] : [];
      });
      return waits.length === 0 ? undefined : Math.max(1, ...waits);
    });
  });
  return {
    async blockedFor(limits) {
      if (limits.length === 0) return undefined;
      return blockedForMany(limits);
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
