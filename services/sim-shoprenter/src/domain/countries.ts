/**
 * Country ids for the few countries Koppel's shops sell to. Ids follow OpenCart's country table,
 * which Shoprenter inherits [INF]; only used for `shippingCountry`/`paymentCountry` links and the
 * webhook `*CountryId`/`*IsoCode3` fields. Unknown codes give empty values.
 */
const countries: Record<string, { id: number; iso3: string; name: string }> = {
  HU: { id: 97, iso3: 'HUN', name: 'Hungary' },
  NL: { id: 150, iso3: 'NLD', name: 'Netherlands' },
  DE: { id: 81, iso3: 'DEU', name: 'Germany' },
  AT: { id: 14, iso3: 'AUT', name: 'Austria' },
  SK: { id: 189, iso3: 'SVK', name: 'Slovakia' },
  RO: { id: 175, iso3: 'ROU', name: 'Romania' },
  BE: { id: 21, iso3: 'BEL', name: 'Belgium' },
  FR: { id: 74, iso3: 'FRA', name: 'France' },
  GB: { id: 222, iso3: 'GBR', name: 'United Kingdom' },
};

export function findCountry(iso2: string): { id: number; iso3: string; name: string } | undefined {
  return countries[iso2.toUpperCase()];
}

/** Currency ids [INF]: HUF is the default currency of a Hungarian shop. */
const currencyIds: Record<string, number> = { HUF: 1, EUR: 2, USD: 3 };
export function currencyId(code: string): number | undefined {
  return currencyIds[code.toUpperCase()];
}

const languageIds: Record<string, number> = { hu: 1, en: 2, de: 3 };
export function languageId(code: string): number {
  return languageIds[code] ?? 1;
}
