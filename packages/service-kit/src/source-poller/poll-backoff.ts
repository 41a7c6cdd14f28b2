import type { AppError } from '@koppel/errors';

export type BackoffOptions = {
  /** Wait after the first failure, in seconds; doubles per consecutive failure. */
  baseSeconds: number;
  /** Longest wait in seconds (a longer Retry-After from the source still wins). */
  maxSeconds: number;
};

/**
 * Seconds until a failed connection is polled again: exponential in the consecutive failures
 * (`failuresBefore` = failures before this one), capped, never shorter than the source's
 * Retry-After. A non-retryable failure (credentials, a rejected request) waits the cap: it needs
 * an operator, and polling it often only fills logs.
 */
export function pollBackoffSeconds(error: AppError, failuresBefore: number, options: BackoffOptions): number {
  const exponential = Math.min(options.maxSeconds, options.baseSeconds * 2 ** Math.min(failuresBefore, 30));
  const wait = error.retryable ? exponential : options.maxSeconds;
  return Math.max(wait, error.retryAfterSeconds ?? 0);
}
