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

/** EU member states (ISO 3166-1 alpha-2); a VAT number's prefix is the code, but Greece's is EL. */
const EU_VAT_PREFIX: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'
      .split(' ')
      .map((code) => [code, code === 'GR' ? 'EL' : code]),
  ),
);

/** The VAT number without spaces, dots and dashes, upper case ("DE 123 456 789" → "DE123456789"). */
export function normalizeVatNumber(raw: string): string {
  return raw.replace(/[\s.-]/g, '').toUpperCase();
}

/**
 * The customer's VAT number when the order is an EU B2B reverse-charge sale: a VAT number of the
 * customer's own member state (prefix and 2-12 characters, the VIES format), a member state other
 * than the shop's, and no VAT on any line (the shop applied 0 %). Undefined otherwise.
 */
export function reverseChargeVatNumber(
  vatNumber: string,
  countryCode: string,
  homeCountry: string,
  lineRatesBp: readonly number[],
): string | undefined {
  const prefix = EU_VAT_PREFIX[countryCode];
  const normalized = normalizeVatNumber(vatNumber);
  if (prefix === undefined || countryCode === homeCountry) return undefined;
  if (!new RegExp(`^${prefix}[0-9A-Z+*]{2,12}$`).test(normalized)) return undefined;
  return lineRatesBp.every((rate) => rate === 0) ? normalized : undefined;
}
