/**
 * The one error model of Koppel. Every failure that crosses a boundary (HTTP answer, Kafka
 * dead-letter record, journey entry) is an AppError with a stable SCREAMING_SNAKE code.
 * `retryable` decides between retry with backoff and dead-letter.
 */
export type AppErrorOptions = {
  httpStatus?: number;
  retryable?: boolean;
  /** The input field at fault, e.g. `body.orders.order[0].email`. */
  field?: string;
  /** Seconds the caller should wait before retrying (e.g. from a 429 Retry-After). */
  retryAfterSeconds?: number;
  /** Extra facts for logs and problem+json (never secrets). */
  details?: Record<string, unknown>;
  /**
   * Waiting for another worker (e.g. a lease it holds), not a failure: a retry does not use up
   * one of the record's attempts, so a burst of waiting records is never dead-lettered for it.
   */
  waiting?: boolean;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly field: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly waiting: boolean;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.httpStatus = options.httpStatus ?? 500;
    this.retryable = options.retryable ?? false;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
    this.waiting = options.waiting ?? false;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Wraps anything thrown into an AppError; unknown errors are internal and retryable. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new AppError('INTERNAL_ERROR', message, { httpStatus: 500, retryable: true, cause: value });
}
