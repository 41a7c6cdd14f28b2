/**
 * The fetch a target connector's API client calls through: first a token of the connection's
 * rate limiter (rate/rate-limiter.ts), then the request over the process's keep-alive pool of
 * the target's host (host-pool.ts); a 429 pauses the limiter for its Retry-After, so every
 * replica sharing the bucket waits it out. The answer itself is the client's to judge.
 */
import type { FetchLike } from '../connection-context.js';
import type { RateLimiter } from '../rate/rate-limiter.js';
import { type HostPool, sharedHostPool } from './host-pool.js';
import { parseRetryAfter } from './retry-after.js';
import { DEFAULT_RETRY_AFTER_SECONDS } from './target-errors.js';

export type TargetFetchOptions = {
  /** The runner's fetch (tests wrap it); the pool reaches it as RequestInit `dispatcher`. */
  fetch: FetchLike;
  limiter?: RateLimiter;
  /** Default: the process's shared pool. */
  pool?: HostPool;
  /** Pause after a 429 without a readable Retry-After, in seconds (default 30). */
  defaultRetryAfterSeconds?: number;
};

export function createTargetFetch(options: TargetFetchOptions): FetchLike {
  const pool = options.pool ?? sharedHostPool();
  const fallback = options.defaultRetryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  return async (input, init) => {
    // A refusal of the limiter is an AppError marked `not-sent`: the clients pass it on unchanged.
    await options.limiter?.acquire();
    const response = await options.fetch(input, { ...init, dispatcher: pool });
    if (response.status === 429 && options.limiter) {
      const seconds = parseRetryAfter(response.headers.get('retry-after')) ?? fallback;
      // Losing the shared pause costs other replicas one 429 each; this call fails retryable anyway.
      await options.limiter.pause(seconds).catch(() => {});
    }
    return response;
  };
}
