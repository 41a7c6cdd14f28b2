/**
 * Error codes of the MplusKASSA connector beyond the shared catalogue of @koppel/errors
 * (TARGET_UNAVAILABLE, TARGET_RATE_LIMITED, TARGET_AUTH_FAILED, VALIDATION_FAILED). Codes are
 * stable: operators alert on them.
 */
import { AppError, type AppErrorOptions } from '@koppel/errors';

export const mplusErrorCatalogue = {
  /** A shop SKU with no numeric Mplus article number (table, digits or PLU): fix the mapping. */
  MPLUS_ARTICLE_NOT_MAPPED: { httpStatus: 422, retryable: false },
  /** No Mplus VAT code (tax code) configured for a line's rate and country. */
  MPLUS_TAX_CODE_NOT_CONFIGURED: { httpStatus: 422, retryable: false },
  /** No turnover group (revenue account) configured for a line's country and rate. */
  MPLUS_REVENUE_ACCOUNT_NOT_CONFIGURED: { httpStatus: 422, retryable: false },
  /** A non-product line (shipping, fee, discount, rounding) whose article is not configured. */
  MPLUS_LINE_ARTICLE_NOT_CONFIGURED: { httpStatus: 422, retryable: false },
  /** Mplus amounts carry no currency: only the administration's currency is accepted. */
  CURRENCY_NOT_SUPPORTED: { httpStatus: 422, retryable: false },
  /** The document Koppel built breaks an EN 16931 arithmetic rule (the rule is in `details.rule`). */
  EN16931_RULE_BROKEN: { httpStatus: 422, retryable: false },
  /** Mplus answered a business error (`result` …-FAILED with `errorMessage`). */
  MPLUS_REJECTED: { httpStatus: 502, retryable: false },
  /** Mplus answered a SOAP Fault with faultcode Client: the request itself is wrong. */
  MPLUS_SOAP_FAULT: { httpStatus: 502, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type MplusErrorCode = keyof typeof mplusErrorCatalogue;

export function mplusError(code: MplusErrorCode, message: string, options: AppErrorOptions = {}): AppError {
  return new AppError(code, message, { ...mplusErrorCatalogue[code], ...options });
}
