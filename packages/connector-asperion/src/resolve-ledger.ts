/**
 * Picks the Asperion VAT code and revenue ledger account of a line from the connection's rules:
 * an exact (rate, country) rule wins over a rate-only rule. VAT codes are administration-specific
 * ids of `/v1/vatcodes` (targets.md §1.7), so they are configured, never guessed.
 */
import { appError } from '@koppel/errors';

export type RateRule = { vatRateBp: number; countryCode?: string | undefined };

function findRule<R extends RateRule>(
  rules: readonly R[],
  vatRateBp: number,
  countryCode: string,
): R | undefined {
  const ofRate = rules.filter((rule) => rule.vatRateBp === vatRateBp);
  return (
    ofRate.find((rule) => rule.countryCode !== undefined && rule.countryCode === countryCode) ??
    ofRate.find((rule) => rule.countryCode === undefined)
  );
}

function describe(vatRateBp: number, countryCode: string): string {
  const percent = `${vatRateBp / 100} %`;
  return countryCode ? `${percent} (${countryCode})` : percent;
}

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
