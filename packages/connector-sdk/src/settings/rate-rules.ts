/**
 * Rules keyed by VAT rate and, optionally, destination country (OSS): VAT codes and revenue
 * accounts of a target administration. An exact (rate, country) rule wins over a rate-only rule.
 */

export type RateRule = { vatRateBp: number; countryCode?: string | undefined };

/** The rule of this rate for this country, else the rate's rule without a country. */
export function findRateRule<R extends RateRule>(
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

/** "21 % (DE)", or "21 %" without a country: how messages name a rate rule that is missing. */
export function describeVatRate(vatRateBp: number, countryCode: string): string {
  const percent = `${vatRateBp / 100} %`;
  return countryCode ? `${percent} (${countryCode})` : percent;
}
