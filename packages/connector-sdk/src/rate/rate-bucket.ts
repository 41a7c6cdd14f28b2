/**
 * A token bucket of one connection's calls to one system, as a rate limiter takes from it. Two
 * kinds: in memory (one process, `local-rate-bucket.ts`) and shared by every replica (a row in
 * Postgres, `@koppel/db`'s `createTargetRateBucketRepository`, bound to its key by the runner).
 */

/** The bucket's shape: the connector's `rateLimit` setting (settings-fragments.ts). */
export type RateBucketShape = {
  /** Tokens added per second. */
  requestsPerSecond: number;
  /** Most tokens the bucket holds: calls allowed at once after a quiet spell. */
  burst: number;
};

/** A token taken: how long its holder waits before its call may go out. */
export type RateBucketTake = {
  /** Milliseconds until the slot this take reserved (0: now). */
  waitMs: number;
  /** Milliseconds of that wait owed to a target's Retry-After (0 when no pause is running). */
  blockedMs: number;
};

export type RateBucket = {
  /** Takes one token, reserving a slot in the future when the bucket is empty or paused. */
  take(shape: RateBucketShape): Promise<RateBucketTake>;
  /** Gives back a token taken but not used (its wait was longer than the caller accepts). */
  giveBack(shape: RateBucketShape): Promise<void>;
  /** The target answered 429 with a Retry-After: no call before `seconds` from now, then an empty bucket. */
  block(seconds: number): Promise<void>;
};

/** A bucket store keyed by connection and system, as `@koppel/db` offers it. */
export type RateBucketStore<Key> = {
  take(key: Key, shape: RateBucketShape): Promise<RateBucketTake>;
  giveBack(key: Key, shape: RateBucketShape): Promise<void>;
  block(key: Key, seconds: number): Promise<void>;
};

/** One key's bucket of a store (the runner binds the connection's key before lending it). */
export function bindRateBucket<Key>(store: RateBucketStore<Key>, key: Key): RateBucket {
  return {
    take: (shape) => store.take(key, shape),
    giveBack: (shape) => store.giveBack(key, shape),
    block: (seconds) => store.block(key, seconds),
  };
}
