/**
 * Error codes of the AccountView connector beyond the shared catalogue of @koppel/errors
 * (TARGET_UNAVAILABLE, TARGET_RATE_LIMITED, TARGET_AUTH_FAILED, TARGET_REJECTED, VALIDATION_FAILED).
 * Codes are stable: operators alert on them. None is retryable: each names a setting or an order
 * field a person must change.
 */
import { AppError, type AppErrorOptions } from '@koppel/errors';

export const accountviewErrorCatalogue = {
  /** The order is not in the books' currency (README "Money"). */
  CURRENCY_NOT_SUPPORTED: { httpStatus: 422, retryable: false },
  /** No VAT code mapped for a line's rate and country (`target.settings.vatCodes`). */
  VAT_CODE_NOT_MAPPED: { httpStatus: 422, retryable: false },
  /** No revenue account mapped for a journal-page line (`target.settings.revenueAccounts`). */
  REVENUE_ACCOUNT_NOT_MAPPED: { httpStatus: 422, retryable: false },
  /** A sales-order line without product needs an article code setting (shipping, fee, discount, rounding). */
  ARTICLE_CODE_NOT_SET: { httpStatus: 422, retryable: false },
  /** The prepared document breaks an EN 16931 arithmetic rule (the rule is named). */
  EN16931_RULE_BROKEN: { httpStatus: 422, retryable: false },
  /** The connection's default debtor is not in AccountView. */
  DEFAULT_DEBTOR_NOT_FOUND: { httpStatus: 422, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type AccountviewErrorCode = keyof typeof accountviewErrorCatalogue;

export function accountviewError(
  code: AccountviewErrorCode,
  message: string,
  options: AppErrorOptions = {},
): AppError {
  return new AppError(code, message, { ...accountviewErrorCatalogue[code], ...options });
}
