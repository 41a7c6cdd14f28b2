/**
 * Paces one connection's calls to its system through a token bucket (in memory or shared by
 * every replica) and carries a target's Retry-After into it, so after a 429 no replica calls
 * before the time the target asked for.
 */
import { type AppError, appError } from '@koppel/errors';
import type { RateBucket, RateBucketShape } from './rate-bucket.js';

export type RateLimiter = {
  /** Resolves when a call may go out; throws TARGET_RATE_LIMITED (retryable) rather than wait too long. */
  acquire(): Promise<void>;
  /** The target answered 429 with this Retry-After: every holder of the bucket waits it out. */
  pause(seconds: number): Promise<void>;
};

export type RateLimiterOptions = {
  /** The system's display name, for the message of a refusal. */
  vendor: string;
  shape: RateBucketShape;
  /**
   * Longest wait accepted before a call, in ms (default 10 000). A longer one (a long
   * Retry-After, a deep queue) gives its token back and fails retryable with the wait as
   * `retryAfterSeconds`: the delivery pipeline retries later instead of a worker holding its
   * delivery lease while it sleeps.
   */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

export const DEFAULT_MAX_RATE_WAIT_MS = 10_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(bucket: RateBucket, options: RateLimiterOptions): RateLimiter {
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_RATE_WAIT_MS;
  const sleep = options.sleep ?? defaultSleep;
  return {
    async acquire() {
      const { waitMs, blockedMs } = await bucket.take(options.shape);
      if (waitMs > maxWaitMs) {
        await bucket.giveBack(options.shape);
        throw tooLong(options.vendor, waitMs, blockedMs);
      }
      if (waitMs > 0) await sleep(waitMs);
    },
    pause: (seconds) => bucket.block(seconds),
  };
}

function tooLong(vendor: string, waitMs: number, blockedMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  const why = blockedMs > 0 ? `${vendor} asked for a pause` : `the calls to ${vendor} are queued`;
  return appError('TARGET_RATE_LIMITED', `${why}; retry after ${retryAfterSeconds} s`, {
    retryAfterSeconds,
    // The call never went out (the SDK's `details.outcome`, target-connector.ts `documentLookup`).
    details: { waitMs, blockedMs, outcome: 'not-sent' },
  });
}
