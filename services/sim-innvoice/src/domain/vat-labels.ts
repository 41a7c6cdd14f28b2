/**
 * `AfaSzoveg` VAT labels from INV-LARAVEL `AFAKulcsEnum` (notes §4.4) with their rates. The 0 %
 * labels mirror NAV Online Számla exemption categories.
 */
const RATED: Record<string, number> = { '27%': 27, '18%': 18, '5%': 5 };
const ZERO_RATED = [
  'AAM',
  'TAM',
  'KBA',
  'KBAUK',
  'EAM',
  'NAM',
  'ÁTK',
  'EUFAD37',
  'EUFADE',
  'EUE',
  'HO',
  'FOA',
  'K.AFA',
  'AFAMENTES',
  'NONREFUNDABLE_VAT',
  'REFUNDABLE_VAT',
];

export const VAT_LABELS: readonly string[] = [...Object.keys(RATED), ...ZERO_RATED.map((c) => `0% - ${c}`)];

export function vatRateOf(label: string): number | undefined {
  if (label in RATED) return RATED[label];
  return VAT_LABELS.includes(label) ? 0 : undefined;
}
