import { ASSUMPTIONS } from './assumptions.js';
import { lineTotals, parseDecimal } from './amounts.js';
import { invalid, type Issue, missing } from './issues.js';
import type { DocumentLine } from './model.js';
import { vatRateOf } from './vat-labels.js';

/**
 * Lines arrive flattened with numeric suffixes (`TetelNev1`, `TetelNev2`...); a single line may have
 * no suffix (`TetelNev`), as INV-LARAVEL `addItemsToInvoice` sends it (notes §4.3).
 */
const LINE_FIELDS = [
  'TetelNev',
  'AfaSzoveg',
  'Brutto',
  'EgysegAr',
  'Mennyiseg',
  'MennyisegEgyseg',
  'CikkSzam',
];

function lineSuffixes(fields: Record<string, string>, issues: Issue[]): string[] {
  const numbers = Object.keys(fields)
    .map((k) => /^TetelNev(\d+)$/.exec(k)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const plain = 'TetelNev' in fields;
  if (plain && numbers.length > 0) {
    issues.push(invalid('TetelNev', 'egy tétel utótag nélkül, több tétel 1-től számozva adható meg'));
    return [];
  }
  if (plain) return [''];
  if (numbers.length === 0) {
    issues.push(missing('TetelNev'));
    return [];
  }
  const gap = numbers.findIndex((n, i) => n !== i + 1);
  if (gap >= 0) {
    issues.push(missing(`TetelNev${gap + 1}`));
    return [];
  }
  return numbers.map(String);
}

export function buildLines(
  fields: Record<string, string>,
  currency: string,
  issues: Issue[],
): DocumentLine[] {
  const lines: DocumentLine[] = [];
  for (const suffix of lineSuffixes(fields, issues)) {
    const get = (name: string) => fields[`${name}${suffix}`]?.trim() ?? '';
    const name = (n: string) => `${n}${suffix}`;
    const before = issues.length;
    if (get('TetelNev') === '') issues.push(missing(name('TetelNev')));
    const label = get('AfaSzoveg');
    const rate = vatRateOf(label);
    if (label === '') issues.push(missing(name('AfaSzoveg')));
    else if (rate === undefined) issues.push(invalid(name('AfaSzoveg'), `ismeretlen ÁFA kulcs "${label}"`));
    const grossFlag = get('Brutto') || '0';
    if (grossFlag !== '0' && grossFlag !== '1') issues.push(invalid(name('Brutto'), '0 vagy 1 lehet'));
    const unitPrice = parseDecimal(get('EgysegAr'), ASSUMPTIONS.priceDecimals);
    if (get('EgysegAr') === '') issues.push(missing(name('EgysegAr')));
    else if (unitPrice === undefined)
      issues.push(invalid(name('EgysegAr'), 'szám, legfeljebb 2 tizedesjegy'));
    const quantity = parseDecimal(get('Mennyiseg'), ASSUMPTIONS.quantityDecimals);
    if (get('Mennyiseg') === '') issues.push(missing(name('Mennyiseg')));
    else if (quantity === undefined || quantity === 0)
      issues.push(invalid(name('Mennyiseg'), 'nem nulla szám, legfeljebb 3 tizedesjegy'));
    if (issues.length > before || rate === undefined || unitPrice === undefined || quantity === undefined)
      continue;
    const grossPrices = grossFlag === '1';
    lines.push({
      name: get('TetelNev'),
      vatLabel: label,
      grossPrices,
      unitPrice,
      quantity,
      unit: get('MennyisegEgyseg') || 'db',
      sku: get('CikkSzam'),
      ...lineTotals(unitPrice, quantity, rate, grossPrices, currency),
    });
  }
  return lines;
}

export const isLineField = (key: string) => LINE_FIELDS.some((f) => new RegExp(`^${f}\\d*$`).test(key));
