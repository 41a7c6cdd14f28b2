/**
 * The myShop connector's error codes. Decoding errors are DECODE_FAILED (decode-errors.ts); these
 * are the RPC client's: `retryable` decides whether the poller backs off and tries again.
 */
import { AppError } from '@koppel/errors';

export const myshopErrors = {
  /**
   * The order pull refused twice, each time with a fresh rpc id: the private key, the shop's
   * order-pull switch or its IP allowlist. The RPC does not say which (README "Errors").
   */
  authFailed: (message: string, field: string) =>
    new AppError('SOURCE_AUTH_FAILED', message, { httpStatus: 502, field }),
  /** 429; the RPC documents no limit, so a Retry-After is honoured when sent, else one second. */
  rateLimited: (retryAfterSeconds: number) =>
    new AppError('SOURCE_RATE_LIMITED', 'myShop answered 429 Too Many Requests', {
      httpStatus: 429,
      retryable: true,
      retryAfterSeconds,
    }),
  /** 5xx, a timeout or a refused connection. */
  unavailable: (message: string, cause?: unknown) =>
    new AppError('SOURCE_UNAVAILABLE', message, { httpStatus: 503, retryable: true, cause }),
  /** Any other 4xx: retrying the same call will not help. */
  rejected: (message: string, status: number) =>
    new AppError('SOURCE_REJECTED', message, { httpStatus: 502, details: { status } }),
  /** A 2xx answer that is not what the RPC answers (no id, not the export XML). */
  badResponse: (message: string, cause?: unknown) =>
    new AppError('SOURCE_BAD_RESPONSE', message, { httpStatus: 502, retryable: true, cause }),
};
