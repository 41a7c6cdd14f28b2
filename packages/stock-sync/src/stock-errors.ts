import { AppError, type AppErrorOptions } from '@koppel/errors';

/** Codes of the stock pipeline beyond the shared catalogue of @koppel/errors, with HTTP status. */
export const stockErrorCatalogue = {
  /** Stock settings that do not match `stockSettingsSchema` (422: well-formed JSON, wrong content). */
  INVALID_STOCK_SETTINGS: { httpStatus: 422, retryable: false },
  /** A stock.updated record that is not a StockUpdatedEvent, or lacks its key facts. */
  STOCK_EVENT_INVALID: { httpStatus: 422, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type StockErrorCode = keyof typeof stockErrorCatalogue;

export function stockError(code: StockErrorCode, message: string, options: AppErrorOptions = {}): AppError {
  return new AppError(code, message, { ...stockErrorCatalogue[code], ...options });
}
