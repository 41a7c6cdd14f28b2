/**
 * Splits an address line into street, house number and addition, as Dutch targets want them
 * separately (AccountView ST_STREET/ST_NR/ST_EXTRA). The first number after the street name is
 * the house number; whatever follows it is the addition ("12a" → "a", "12 bis" → "bis", Hungarian "5." → "5",
 * "1/A" → "A", Hungarian "1. 2. em. 3." → "2. em. 3."). A street that itself ends in a number
 * ("Plein 1940 5") is therefore split at the first number - rare, and visible in the addition.
 */
export type StreetAddress = { street: string; houseNumber: string; addition: string };

const NUMBER_AFTER_STREET =
  /^(?<street>.*?\S)\s+(?<number>\d+)(?:\s*[-/.,]?\s*(?<addition>[\p{L}\p{N}].*))?\.?$/u;
const NUMBER_BEFORE_STREET = /^(?<number>\d+)(?<addition>[\p{L}]?)\s*,?\s+(?<street>\D.*)$/u;

function clean(value: string | undefined): string {
  return (value ?? '').trim().replace(/,$/, '').trim();
}

export function splitStreetAndHouseNumber(line: string): StreetAddress {
  const text = line.replace(/\s+/g, ' ').trim();
  const after = NUMBER_AFTER_STREET.exec(text)?.groups;
  if (after !== undefined) {
    return {
      street: clean(after.street),
      houseNumber: after.number ?? '',
      addition: clean(after.addition),
    };
  }
  const before = NUMBER_BEFORE_STREET.exec(text)?.groups;
  if (before !== undefined) {
    return {
      street: clean(before.street),
      houseNumber: before.number ?? '',
      addition: before.addition ?? '',
    };
  }
  return { street: text, houseNumber: '', addition: '' };
}
