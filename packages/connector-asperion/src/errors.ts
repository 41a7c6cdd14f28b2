/**
 * Error codes of the Asperion connector beyond the shared catalogue of @koppel/errors. Codes are
 * stable: operators alert on them.
 */
import { AppError, type AppErrorOptions } from '@koppel/errors';

export const asperionErrorCatalogue = {
  /** Asperion keeps no currency on invoices; the books are in euro (README.md). */
  CURRENCY_NOT_SUPPORTED: { httpStatus: 422, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type AsperionErrorCode = keyof typeof asperionErrorCatalogue;

export function asperionError(
  code: AsperionErrorCode,
  message: string,
  options: AppErrorOptions = {},
): AppError {
  return new AppError(code, message, { ...asperionErrorCatalogue[code], ...options });
}
