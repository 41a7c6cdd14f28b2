/**
 * Picks the Asperion VAT code and revenue ledger account of a line from the connection's rules:
 * an exact (rate, country) rule wins over a rate-only rule. VAT codes are administration-specific
 * ids of `/v1/vatcodes` (README.md), so they are configured, never guessed.
 */
import { describeVatRate as describe, findRateRule as findRule, type RateRule } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';

export function resolveVatCode(
  rules: readonly (RateRule & { vatCode: string })[],
  vatRateBp: number,
  countryCode: string,
): string {
  const rule = findRule(rules, vatRateBp, countryCode);
  if (rule === undefined) {
    throw appError(
      'VALIDATION_FAILED',
      `no Asperion VAT code configured for VAT ${describe(vatRateBp, countryCode)}`,
      {
        field: 'target.settings.vatCodes',
        details: { vatRateBp, countryCode },
      },
    );
  }
  return rule.vatCode;
}

export function resolveRevenueAccount(
  rules: readonly (RateRule & { ledgerAccountId: number })[],
  vatRateBp: number,
  countryCode: string,
): number {
  const rule = findRule(rules, vatRateBp, countryCode);
  if (rule === undefined) {
    throw appError(
      'VALIDATION_FAILED',
      `no revenue ledger account configured for VAT ${describe(vatRateBp, countryCode)}`,
      { field: 'target.settings.revenueAccounts', details: { vatRateBp, countryCode } },
    );
  }
  return rule.ledgerAccountId;
}
