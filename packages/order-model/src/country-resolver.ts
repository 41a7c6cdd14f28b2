/** Resolves a country name (English, Dutch, Hungarian, native) or code to ISO 3166-1 alpha-2. */
import { COUNTRY_NAMES } from './country-names.js';

/** Lower case, accents and punctuation removed, spaces collapsed: "Magyarország" → "magyarorszag". */
export function normalizeCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.entries(COUNTRY_NAMES).flatMap(([code, names]) =>
    names.map((name) => [normalizeCountryName(name), code] as const),
  ),
);

/**
 * The ISO alpha-2 code for a country name or an alpha-2 code the table knows; undefined
 * when unknown, so the caller keeps the name and leaves the code empty.
 */
export function resolveCountryCode(nameOrCode: string): string | undefined {
  const trimmed = nameOrCode.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    return Object.hasOwn(COUNTRY_NAMES, code) ? code : undefined;
  }
  return BY_NAME.get(normalizeCountryName(trimmed));
}
