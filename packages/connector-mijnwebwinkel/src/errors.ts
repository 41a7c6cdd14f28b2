/**
 * The Mijnwebwinkel connector's error codes. `retryable` decides whether the poller backs off and
 * tries again (honouring `retryAfterSeconds`) or waits for an operator.
 */
import { AppError, appError } from '@koppel/errors';

export const API_TOKEN_FIELD = 'source.credentials.apiToken';
export const PARTNER_TOKEN_FIELD = 'source.credentials.partnerToken';

export const mijnwebwinkelErrors = {
  /** 401 (the shop's API token) or 403 (the partner token); not declared in the spec (README). */
  authFailed: (message: string, field: string, status: number) =>
    new AppError('SOURCE_AUTH_FAILED', message, { httpStatus: 502, field, details: { status } }),
  /** 429: undocumented; its Retry-After (seconds or an HTTP date) is honoured, else 1 s. */
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('SOURCE_RATE_LIMITED', 'Mijnwebwinkel answered 429 Too Many Requests', {
      httpStatus: 429,
      retryable: true,
      retryAfterSeconds,
    }),
  /** 5xx, a timeout or no answer; a Retry-After on a 503 is honoured too. */
  unavailable: (message: string, retryAfterSeconds?: number, cause?: unknown) =>
    new AppError('SOURCE_UNAVAILABLE', message, {
      httpStatus: 503,
      retryable: true,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...(cause === undefined ? {} : { cause }),
    }),
  /** Any other 4xx (422 names the query field in `detail`): retrying the same call will not help. */
  rejected: (message: string, status: number) =>
    new AppError('SOURCE_REJECTED', message, { httpStatus: 502, details: { status } }),
  /** A 2xx answer without the documented shape. */
  badResponse: (message: string, cause?: unknown) =>
    new AppError('SOURCE_BAD_RESPONSE', message, { httpStatus: 502, retryable: true, cause }),
};

/** DECODE_FAILED naming the payload field at fault. */
export function decodeFailed(message: string, field: string, cause?: unknown): AppError {
  return appError('DECODE_FAILED', message, { field, ...(cause === undefined ? {} : { cause }) });
}

/** VALIDATION_FAILED for a cursor or reset an operator gave. */
export function invalidCursor(message: string, field: string): AppError {
  return appError('VALIDATION_FAILED', message, { field });
}
