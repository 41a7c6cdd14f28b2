/**
 * The in-memory token bucket of one process, with the arithmetic of the shared one in Postgres
 * (`@koppel/db` target-rate-bucket-repository.ts): refill for the time passed, capped at the
 * burst, take one token; a negative content is a queue of reserved slots, and a pause moves the
 * refill instant into the future. Used when the runner lends no shared bucket (tests, tools).
 */
import type { RateBucket, RateBucketShape, RateBucketTake } from './rate-bucket.js';

export type BucketState = {
  tokens: number;
  /** Epoch ms `tokens` holds for; in the future while paused. */
  refilledAtMs: number;
};

/** Pure: the state after one take at `nowMs`, and that take's wait. */
export function takeToken(
  state: BucketState | undefined,
  nowMs: number,
  shape: RateBucketShape,
): { state: BucketState; take: RateBucketTake } {
  const refilled =
    state === undefined
      ? shape.burst
      : Math.min(
          shape.burst,
          state.tokens + (Math.max(0, nowMs - state.refilledAtMs) / 1000) * shape.requestsPerSecond,
        );
  const next: BucketState = {
    tokens: refilled - 1,
    refilledAtMs: Math.max(nowMs, state?.refilledAtMs ?? nowMs),
  };
  const blockedMs = Math.max(0, next.refilledAtMs - nowMs);
  const queuedMs = (Math.max(0, -next.tokens) * 1000) / shape.requestsPerSecond;
  return { state: next, take: { waitMs: Math.ceil(blockedMs + queuedMs), blockedMs: Math.ceil(blockedMs) } };
}

/** Pure: the state after a pause of `seconds` from `nowMs` (reserved slots stay queued behind it). */
export function pauseBucket(state: BucketState | undefined, nowMs: number, seconds: number): BucketState {
  const until = nowMs + seconds * 1000;
  return {
    tokens: Math.min(0, state?.tokens ?? 0),
    refilledAtMs: Math.max(until, state?.refilledAtMs ?? until),
  };
}

export function createLocalRateBucket(now: () => number = Date.now): RateBucket {
  let state: BucketState | undefined;
  return {
    async take(shape) {
      const result = takeToken(state, now(), shape);
      state = result.state;
      return result.take;
    },
    async giveBack(shape) {
      if (state) state = { ...state, tokens: Math.min(shape.burst, state.tokens + 1) };
    },
    async block(seconds) {
      state = pauseBucket(state, now(), seconds);
    },
  };
}
