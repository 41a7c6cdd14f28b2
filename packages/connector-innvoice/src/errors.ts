/**
 * Error codes of the InnVoice connector beyond the shared catalogue of @koppel/errors. Codes are
 * stable: operators alert on them.
 */
import { AppError, type AppErrorOptions } from '@koppel/errors';

export const innvoiceErrorCatalogue = {
  /** The connector books forint documents only (README "Money"). */
  CURRENCY_NOT_SUPPORTED: { httpStatus: 422, retryable: false },
  /** A VAT rate with no InnVoice label (`AfaSzoveg`) for this connection (README "VAT"). */
  VAT_RATE_NOT_SUPPORTED: { httpStatus: 422, retryable: false },
  /** The document as InnVoice will compute it breaks an EN 16931 arithmetic rule (named in the message). */
  EN16931_CHECK_FAILED: { httpStatus: 422, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type InnvoiceErrorCode = keyof typeof innvoiceErrorCatalogue;

export function innvoiceError(
  code: InnvoiceErrorCode,
  message: string,
  options: AppErrorOptions = {},
): AppError {
  return new AppError(code, message, { ...innvoiceErrorCatalogue[code], ...options });
}
