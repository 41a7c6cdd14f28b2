/**
 * Picks a line's AccountView VAT code and revenue account from the connection's rules: an exact
 * (rate, country) rule wins over a rate-only rule. VAT codes and ledger accounts are
 * administration-specific (`VA1`, README "Vendor facts"), so they are configured, never guessed.
 */
import { describeVatRate as describe, findRateRule as findRule } from '@koppel/connector-sdk';
import { accountviewError } from './errors.js';
import type { RevenueAccountRule, VatCodeRule } from './settings.js';

export function resolveVatCode(
  rules: readonly VatCodeRule[],
  vatRateBp: number,
  country: string,
  line: number,
): string {
  const rule = findRule(rules, vatRateBp, country);
  if (rule === undefined)
    throw accountviewError(
      'VAT_CODE_NOT_MAPPED',
      `no AccountView VAT code is set for VAT ${describe(vatRateBp, country)} (order line ${line + 1}); add one to the connection's VAT codes`,
      { field: 'target.settings.vatCodes', details: { vatRateBp, countryCode: country, line: line + 1 } },
    );
  return rule.vatCode;
}

export function resolveRevenueAccount(
  rules: readonly RevenueAccountRule[],
  vatRateBp: number,
  country: string,
  line: number,
): string {
  const rule = findRule(rules, vatRateBp, country);
  if (rule === undefined)
    throw accountviewError(
      'REVENUE_ACCOUNT_NOT_MAPPED',
      `no revenue account is set for VAT ${describe(vatRateBp, country)} (order line ${line + 1}); add one to the connection's revenue accounts`,
      {
        field: 'target.settings.revenueAccounts',
        details: { vatRateBp, countryCode: country, line: line + 1 },
      },
    );
  return rule.accountNumber;
}
