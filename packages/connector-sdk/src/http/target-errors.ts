/**
 * The AppErrors of a target connector's HTTP calls that read alike for every vendor, with the
 * shared codes of @koppel/errors (TARGET_UNAVAILABLE, TARGET_RATE_LIMITED): the delivery pipeline
 * retries them with backoff (a Retry-After wins). Rejections and credential failures carry
 * vendor-specific fields and reasons, so each connector builds those itself.
 */
import { type AppError, appError, isAppError } from '@koppel/errors';
import { classifyResponse } from './classify-response.js';
import { describeFetchFailure } from './fetch-failure.js';

/** Used when a 429 carries no (readable) Retry-After header. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/**
 * fetch threw (`<vendor> <what> timed out after … ms` / `failed: ECONNRESET`): TARGET_UNAVAILABLE.
 * An AppError passes unchanged: the target fetch's rate limiter refused before sending
 * (target-fetch.ts), and its TARGET_RATE_LIMITED with a Retry-After is the truer answer.
 */
export function targetTransportError(
  vendor: string,
  error: unknown,
  what: string,
  timeoutMs: number,
  details?: Record<string, unknown>,
): AppError {
  if (isAppError(error)) return error;
  const failure = describeFetchFailure(error, timeoutMs);
  return appError('TARGET_UNAVAILABLE', `${vendor} ${what} ${failure.reason}`, {
    cause: error,
    ...(details === undefined ? {} : { details }),
  });
}

/**
 * 429 → TARGET_RATE_LIMITED with its Retry-After (default 30 s); 408 and 5xx →
 * TARGET_UNAVAILABLE; undefined for any other status. `details` are added to `{status}`.
 */
export function targetTransientStatusError(
  vendor: string,
  response: Response,
  what: string,
  details: Record<string, unknown> = {},
): AppError | undefined {
  const { kind, status, retryAfterSeconds } = classifyResponse(response);
  if (kind === 'rate-limited') {
    const wait = retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
    return appError('TARGET_RATE_LIMITED', `${vendor} throttled ${what}; retry after ${wait} s`, {
      retryAfterSeconds: wait,
      details: { status, ...details },
    });
  }
  if (kind === 'unavailable') {
    return appError('TARGET_UNAVAILABLE', `${vendor} ${what} failed with HTTP ${status}`, {
      details: { status, ...details },
    });
  }
  return undefined;
}

/** The body as JSON, or undefined when it is empty or not JSON (an HTML error page of a proxy). */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
