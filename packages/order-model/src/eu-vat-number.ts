/**
 * EU VAT numbers and the EU B2B reverse-charge test (btw verlegd / Article 196 of the VAT
 * directive): pure, so every target connector decides a reverse-charge sale the same way.
 * Format of a VAT number: the VIES prefix and 2-12 characters,
 * https://ec.europa.eu/taxation_customs/vies/#/faq
 */

/** EU member states (ISO 3166-1 alpha-2). */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

/** A member state's VAT-number prefix: its country code, but Greece's is EL. */
function vatPrefixOf(countryCode: string): string | undefined {
  if (!EU_MEMBER_STATES.has(countryCode)) return undefined;
  return countryCode === 'GR' ? 'EL' : countryCode;
}

/** The VAT number without spaces, dots and dashes, upper case ("DE 123 456 789" → "DE123456789"). */
export function normalizeVatNumber(raw: string): string {
  return raw.replace(/[\s.-]/g, '').toUpperCase();
}

/**
 * The customer's VAT number (normalized) when the order is an EU B2B reverse-charge sale: a VAT
 * number of the customer's own member state (prefix and 2-12 characters, the VIES format), a
 * member state other than the shop's, and no VAT on any line (the shop applied 0 %). Undefined
 * otherwise.
 */
export function reverseChargeVatNumber(
  vatNumber: string,
  countryCode: string,
  homeCountry: string,
  lineRatesBp: readonly number[],
): string | undefined {
  const prefix = vatPrefixOf(countryCode);
  const normalized = normalizeVatNumber(vatNumber);
  if (prefix === undefined || countryCode === homeCountry) return undefined;
  if (!new RegExp(`^${prefix}[0-9A-Z+*]{2,12}$`).test(normalized)) return undefined;
  return lineRatesBp.every((rate) => rate === 0) ? normalized : undefined;
}
