import { AppError, type AppErrorOptions } from './app-error.js';

/**
 * Shared error codes with their HTTP status and retryability. Services add their own codes in
 * their `errors.ts`; codes never change once released because operators alert on them.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { httpStatus: 400, retryable: false },
  MALFORMED_BODY: { httpStatus: 400, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, retryable: false },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, retryable: false },
  UNAUTHENTICATED: { httpStatus: 401, retryable: false },
  FORBIDDEN: { httpStatus: 403, retryable: false },
  NOT_FOUND: { httpStatus: 404, retryable: false },
  CONFLICT: { httpStatus: 409, retryable: false },
  DECODE_FAILED: { httpStatus: 422, retryable: false },
  TARGET_REJECTED: { httpStatus: 502, retryable: false },
  TARGET_UNAVAILABLE: { httpStatus: 503, retryable: true },
  TARGET_RATE_LIMITED: { httpStatus: 429, retryable: true },
  TARGET_AUTH_FAILED: { httpStatus: 502, retryable: false },
  BUS_UNAVAILABLE: { httpStatus: 503, retryable: true },
  DB_UNAVAILABLE: { httpStatus: 503, retryable: true },
  INTERNAL_ERROR: { httpStatus: 500, retryable: true },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Builds an AppError from the catalogue; options may override status or retryability. */
export function appError(code: ErrorCode, message: string, options: AppErrorOptions = {}): AppError {
  const entry = errorCatalogue[code];
  return new AppError(code, message, {
    httpStatus: entry.httpStatus,
    retryable: entry.retryable,
    ...options,
  });
}
