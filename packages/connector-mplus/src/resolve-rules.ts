/**
 * Picks a line's Mplus VAT code (tax code per country) and turnover group (revenue account per
 * country) from the connection's rules: a rule for the destination country wins over one
 * without a country (README "Choices"). VAT codes are tenant data of `getVatGroupList`, so they
 * are configured, never guessed.
 */
import { mplusError } from './errors.js';
import type { RevenueAccountRule, TaxCodeRule } from './settings.js';

function describe(vatRateBp: number, countryCode: string): string {
  const percent = `${vatRateBp / 100} %`;
  return countryCode ? `${percent} (${countryCode})` : percent;
}

export function resolveTaxCode(
  rules: readonly TaxCodeRule[],
  vatRateBp: number,
  countryCode: string,
): number {
  const ofRate = rules.filter((rule) => rule.vatRateBp === vatRateBp);
  const rule =
    ofRate.find((r) => r.countryCode !== undefined && r.countryCode === countryCode) ??
    ofRate.find((r) => r.countryCode === undefined);
  if (rule === undefined) {
    throw mplusError(
      'MPLUS_TAX_CODE_NOT_CONFIGURED',
      `no Mplus VAT code configured for VAT ${describe(vatRateBp, countryCode)}; add it to the tax codes of the connection`,
      { field: 'target.settings.taxCodes', details: { vatRateBp, countryCode } },
    );
  }
  return rule.vatCode;
}

/**
 * The turnover group of a line, or undefined when no revenue accounts are configured (the
 * article's own group applies). Most specific first: country and rate, country, rate, neither.
 */
export function resolveRevenueAccount(
  rules: readonly RevenueAccountRule[],
  vatRateBp: number,
  countryCode: string,
): number | undefined {
  if (rules.length === 0) return undefined;
  const country = (r: RevenueAccountRule) => r.countryCode !== undefined && r.countryCode === countryCode;
  const rate = (r: RevenueAccountRule) => r.vatRateBp !== undefined && r.vatRateBp === vatRateBp;
  const rule =
    rules.find((r) => country(r) && rate(r)) ??
    rules.find((r) => country(r) && r.vatRateBp === undefined) ??
    rules.find((r) => r.countryCode === undefined && rate(r)) ??
    rules.find((r) => r.countryCode === undefined && r.vatRateBp === undefined);
  if (rule === undefined) {
    throw mplusError(
      'MPLUS_REVENUE_ACCOUNT_NOT_CONFIGURED',
      `no Mplus turnover group (revenue account) configured for ${describe(vatRateBp, countryCode)}`,
      { field: 'target.settings.revenueAccounts', details: { vatRateBp, countryCode } },
    );
  }
  return rule.turnoverGroup;
}
