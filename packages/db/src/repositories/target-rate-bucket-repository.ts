import { type Kysely, sql } from 'kysely';
import { createGroupWriter, type GroupWriter } from '../group-writer.js';
import type { Database } from '../schema.js';

/** Which bucket: one per connection and target system (a connection's source and target differ). */
export type RateBucketKey = { system: string; connectionId: string };

/** The bucket's shape, given by the connector's settings on every call (replicas may restart with new ones). */
export type RateBucketShape = {
  /** Tokens added per second. */
  requestsPerSecond: number;
  /** Most tokens the bucket holds (calls allowed at once after a quiet spell). */
  burst: number;
};

/** A token taken: how long its holder waits before the call may go out. */
export type RateBucketTake = {
  /** Milliseconds until the slot this take reserved (0: now). */
  waitMs: number;
  /** Milliseconds of that wait owed to a target's Retry-After (0 when none is running). */
  blockedMs: number;
};

export type TargetRateBucketRepository = {
  /** Takes one token, reserving a slot in the future when the bucket is empty or blocked. */
  take(key: RateBucketKey, shape: RateBucketShape): Promise<RateBucketTake>;
  /** Gives back a token taken but not used (its wait was longer than the caller accepts). */
  giveBack(key: RateBucketKey, shape: RateBucketShape): Promise<void>;
  /**
   * The target answered 429 with a Retry-After: no replica calls before `seconds` from now on
   * the database clock, and the bucket starts empty then (no burst straight after the pause).
   */
  block(key: RateBucketKey, seconds: number): Promise<void>;
};

/**
 * A token bucket in Postgres shared by every replica, one statement per call so concurrent
 * takers never both get the last token (the row lock serialises them). Each take refills the
 * bucket for the time passed since `refilled_at` (capped at `burst`) and removes one token; a
 * bucket that goes negative hands out reservations: the taker waits `-tokens / rate` seconds,
 * so callers queue in the order the database saw them instead of polling. A Retry-After moves
 * `refilled_at` into the future, which makes every take wait until then. Time is the database's,
 * never a replica's clock: `clock_timestamp()`, read after the row lock is held (a transaction's
 * `now()` would be older than the lock holder's write). The same SQL runs on PGlite (embedded mode).
 *
 * Takes of one key made while a statement for that key is in flight are merged into the next
 * statement, which takes all their tokens at once and hands each taker the wait it would have
 * had in line: one round trip and one row lock for a burst of concurrent calls, not one each.
 */
export function createTargetRateBucketRepository(db: Kysely<Database>): TargetRateBucketRepository {
  const takers = new Map<string, GroupWriter<RateBucketShape, RateBucketTake>>();
  const takerOf = (key: RateBucketKey) => {
    const id = `${key.system}\u0000${key.connectionId}`;
    let taker = takers.get(id);
    if (!taker) {
      taker = createGroupWriter((shapes: RateBucketShape[]) => takeMany(db, key, shapes));
      takers.set(id, taker);
    }
    return taker;
  };
  return {
    take: (key, shape) => takerOf(key)(shape),
    async giveBack(key, shape) {
      await sql`
        update target_rate_buckets set tokens = least(${shape.burst}::float8, tokens + 1)
        where system = ${key.system} and connection_id = ${key.connectionId}`.execute(db);
    },
    async block(key, seconds) {
      const until = sql`clock_timestamp() + make_interval(secs => ${seconds}::float8)`;
      // Slots reserved before the pause (negative tokens) stay queued behind it.
      await sql`
        insert into target_rate_buckets as b (system, connection_id, tokens, refilled_at, blocked_until)
        values (${key.system}, ${key.connectionId}, 0, ${until}, ${until})
        on conflict (system, connection_id) do update set
          tokens = least(0, b.tokens),
          refilled_at = greatest(b.refilled_at, excluded.refilled_at),
          blocked_until = greatest(b.blocked_until, excluded.blocked_until)`.execute(db);
    },
  };
}

/**
 * Takes one token per shape in one statement (the newest shape rules, as for a single take).
 * The i-th taker holds the (i+1)-th token taken, so it has `tokens + (n - 1 - i)` left after it.
 */
async function takeMany(
  db: Kysely<Database>,
  key: RateBucketKey,
  shapes: readonly RateBucketShape[],
): Promise<RateBucketTake[]> {
  const shape = shapes.at(-1);
  if (!shape) return [];
  const n = shapes.length;
  const rate = shape.requestsPerSecond;
  const { rows } = await sql<{ tokens: number | string; ahead_ms: number | string }>`
    insert into target_rate_buckets as b (system, connection_id, tokens, refilled_at)
    values (${key.system}, ${key.connectionId}, ${shape.burst}::float8 - ${n}::float8, clock_timestamp())
    on conflict (system, connection_id) do update set
      tokens = least(${shape.burst}::float8, b.tokens
          + greatest(0, extract(epoch from clock_timestamp() - b.refilled_at)::float8) * ${rate}::float8) - ${n}::float8,
      refilled_at = greatest(clock_timestamp(), b.refilled_at)
    returning tokens, (extract(epoch from refilled_at - clock_timestamp()) * 1000)::float8 as ahead_ms`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new Error('target_rate_buckets: the upsert returned no row');
  const blockedMs = Math.max(0, Number(row.ahead_ms));
  const left = Number(row.tokens);
  return shapes.map((_, i) => {
    const queuedMs = Math.max(0, -(left + (n - 1 - i))) * (1000 / rate);
    return { waitMs: Math.ceil(blockedMs + queuedMs), blockedMs: Math.ceil(blockedMs) };
  });
}
