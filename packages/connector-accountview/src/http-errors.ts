/**
 * Turns transport failures and HTTP statuses shared by the data API and its token endpoint into
 * AppErrors. The delivery pipeline owns retries: retryable errors (timeouts, resets, 5xx, 429)
 * are retried there with backoff, the rest dead-lettered.
 */
import { type AppError, appError } from '@koppel/errors';

/** Used when a 429 carries no (readable) Retry-After header. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), never below 1 s. */
export function parseRetryAfter(header: string | null, nowMs: number = Date.now()): number {
  if (header === null || header.trim() === '') return DEFAULT_RETRY_AFTER_SECONDS;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.max(1, Number(text));
  const date = Date.parse(text);
  if (Number.isNaN(date)) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.max(1, Math.ceil((date - nowMs) / 1000));
}

/** fetch threw: timeout (AbortSignal.timeout), refused or reset connection, DNS failure. */
export function transportError(error: unknown, what: string, timeoutMs: number): AppError {
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = timedOut
    ? `timed out after ${timeoutMs} ms`
    : cause instanceof Error
      ? `failed: ${'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message}`
      : 'failed';
  return appError('TARGET_UNAVAILABLE', `AccountView ${what} ${reason}`, { cause: error });
}

/** 429 and 5xx, the statuses that mean "later", or undefined for any other status. */
export function transientStatusError(response: Response, what: string): AppError | undefined {
  if (response.status === 429) {
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
    return appError(
      'TARGET_RATE_LIMITED',
      `AccountView throttled ${what}; retry after ${retryAfterSeconds} s`,
      {
        retryAfterSeconds,
        details: { status: 429 },
      },
    );
  }
  if (response.status >= 500 || response.status === 408) {
    return appError('TARGET_UNAVAILABLE', `AccountView ${what} failed with HTTP ${response.status}`, {
      details: { status: response.status },
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
