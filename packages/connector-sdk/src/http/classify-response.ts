/**
 * What an HTTP status means for a connector, decided once for every vendor: whether to retry
 * (the delivery pipeline and the source poller retry an AppError whose `retryable` is true) and
 * whether the credentials are at fault. Each connector turns the class into its own error codes
 * and messages (its errors.ts); vendor quirks (an error in a 200 body, a SOAP Fault) stay there.
 */
import { parseRetryAfter } from './retry-after.js';

/**
 * - `ok`: 2xx.
 * - `rate-limited`: 429, retry after the Retry-After.
 * - `unavailable`: 408 and 5xx, the server's trouble, retry with backoff.
 * - `auth-failed`: 401 and 403, the credentials (or their rights); no retry.
 * - `rejected`: any other status, the request itself; no retry.
 */
export type StatusClass = 'ok' | 'rate-limited' | 'unavailable' | 'auth-failed' | 'rejected';

export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'unavailable';
  if (status === 401 || status === 403) return 'auth-failed';
  return 'rejected';
}

export type ResponseClass = {
  status: number;
  kind: StatusClass;
  /** `rate-limited` and `unavailable` (a 503 may say when to come back): the Retry-After, if readable. */
  retryAfterSeconds: number | undefined;
};

/** The class of a response and the Retry-After that goes with it. */
export function classifyResponse(response: Response, nowMs: number = Date.now()): ResponseClass {
  const kind = classifyStatus(response.status);
  const retryable = kind === 'rate-limited' || kind === 'unavailable';
  return {
    status: response.status,
    kind,
    retryAfterSeconds: retryable ? parseRetryAfter(response.headers.get('retry-after'), nowMs) : undefined,
  };
}
