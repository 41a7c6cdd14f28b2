/**
 * The Shoprenter connector's error codes. Decoding errors are DECODE_FAILED (decode-errors.ts);
 * these are the REST client's: `retryable` decides whether the poller backs off and tries again.
 */
import { AppError } from '@koppel/errors';

export const shoprenterErrors = {
  /** Token refused (400/401 at the token endpoint) or an API 401/403 with a fresh token. */
  authFailed: (message: string, field: string, status: number) =>
    new AppError('SOURCE_AUTH_FAILED', message, { httpStatus: 502, field, details: { status } }),
  /** 429: Shoprenter documents no Retry-After, so wait at least a second (README.md). */
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('SOURCE_RATE_LIMITED', 'Shoprenter answered 429 Too Many Requests', {
      httpStatus: 429,
      retryable: true,
      retryAfterSeconds,
    }),
  unavailable: (message: string, cause?: unknown) =>
    new AppError('SOURCE_UNAVAILABLE', message, { httpStatus: 503, retryable: true, cause }),
  /** Any other 4xx: our request or the shop's data is wrong; retrying the same call will not help. */
  rejected: (message: string, status: number, field?: string) =>
    new AppError('SOURCE_REJECTED', message, {
      httpStatus: 502,
      ...(field === undefined ? {} : { field }),
      details: { status },
    }),
  /** A 2xx answer that does not have the documented shape. */
  badResponse: (message: string, cause?: unknown) =>
    new AppError('SOURCE_BAD_RESPONSE', message, { httpStatus: 502, retryable: true, cause }),
};
