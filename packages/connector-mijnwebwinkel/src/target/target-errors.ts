/**
 * The Mijnwebwinkel target's errors: the shared TARGET_* codes (`retryable` from the catalogue
 * decides retry vs dead letter) naming the target's own fields.
 */
import { type AppError, appError } from '@koppel/errors';

export const TARGET_API_TOKEN_FIELD = 'target.credentials.apiToken';
export const TARGET_PARTNER_TOKEN_FIELD = 'target.credentials.partnerToken';
export const TARGET_ORDER_STATUS_FIELD = 'target.settings.orderStatus';

export const mijnwebwinkelTargetErrors = {
  /** 401 → the API token, 403 → the partner token (undeclared in the spec; README). */
  authFailed: (message: string, field: string, status: number): AppError =>
    appError('TARGET_AUTH_FAILED', message, { field, details: { status } }),
  /** 422 (the spec's one declared error) and other 4xx: sending it again will not help. */
  rejected: (message: string, status: number, field?: string): AppError =>
    appError('TARGET_REJECTED', message, {
      details: { status, outcome: 'answered' },
      ...(field === undefined ? {} : { field }),
    }),
  /** A 2xx without the documented shape. */
  badResponse: (message: string, cause?: unknown): AppError =>
    appError('TARGET_UNAVAILABLE', message, { ...(cause === undefined ? {} : { cause }) }),
  /** The order cannot become a shop order (currency, quantity, totals): never retried. */
  invalidOrder: (message: string, field: string): AppError =>
    appError('VALIDATION_FAILED', message, { field }),
};
