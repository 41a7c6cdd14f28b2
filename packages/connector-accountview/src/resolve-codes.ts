/**
 * Picks a line's AccountView VAT code and revenue account from the connection's rules: an exact
 * (rate, country) rule wins over a rate-only rule. VAT codes and ledger accounts are
 * administration-specific (`VA1`, README "Vendor facts"), so they are configured, never guessed.
 */
import { accountviewError } from './errors.js';
import type { RevenueAccountRule, VatCodeRule } from './settings.js';

type RateRule = { vatRateBp: number; countryCode?: string | undefined };

function findRule<R extends RateRule>(
  rules: readonly R[],
  vatRateBp: number,
  country: string,
): R | undefined {
  const ofRate = rules.filter((rule) => rule.vatRateBp === vatRateBp);
  return (
    ofRate.find((rule) => rule.countryCode === country) ??
    ofRate.find((rule) => rule.countryCode === undefined)
  );
}

function describe(vatRateBp: number, country: string): string {
  return `${vatRateBp / 100} %${country ? ` (${country})` : ''}`;
}

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

/** EU member states; a VAT number's prefix is the country code, but Greece's is EL. */
const EU_VAT_PREFIX: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'
      .split(' ')
      .map((code) => [code, code === 'GR' ? 'EL' : code]),
  ),
);

/**
 * The customer's VAT number (spaces, dots and dashes removed) when the order is an EU B2B
 * reverse-charge sale: a VAT number in the VIES format of the customer's own member state, a
 * state other than the shop's, and every line at 0 %. Undefined otherwise.
 */
export function reverseChargeVatNumber(
  vatNumber: string,
  countryCode: string,
  homeCountry: string,
  lineRatesBp: readonly number[],
): string | undefined {
  const prefix = EU_VAT_PREFIX[countryCode];
  const normalized = vatNumber.replace(/[\s.-]/g, '').toUpperCase();
  if (prefix === undefined || countryCode === homeCountry) return undefined;
  if (!new RegExp(`^${prefix}[0-9A-Z+*]{2,12}$`).test(normalized)) return undefined;
  return lineRatesBp.every((rate) => rate === 0) ? normalized : undefined;
}
