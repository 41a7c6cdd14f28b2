/** DECODE_FAILED naming the till order's field at fault (the shared code of @koppel/errors). */
import { type AppError, appError } from '@koppel/errors';

export function decodeFailed(message: string, field: string, cause?: unknown): AppError {
  return appError('DECODE_FAILED', message, { field, ...(cause === undefined ? {} : { cause }) });
}

/** VALIDATION_FAILED for a cursor or reset an operator gave. */
export function invalidCursor(message: string, field: string): AppError {
  return appError('VALIDATION_FAILED', message, { field });
}
