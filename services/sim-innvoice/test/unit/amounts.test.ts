import t from 'tap';
import { formatAmount, lineTotals, parseDecimal } from '../../src/domain/amounts.js';
import { parseHuDate, toHuDate } from '../../src/domain/dates.js';
import { VAT_LABELS, vatRateOf } from '../../src/domain/vat-labels.js';

t.test('parseDecimal reads dot and comma decimals into integer minor units', async (t) => {
  t.equal(parseDecimal('1700', 2), 170000);
  t.equal(parseDecimal('1700,5', 2), 170050);
  t.equal(parseDecimal(' -0.25 ', 2), -25);
  t.equal(parseDecimal('1.2345', 3), undefined, 'too many decimals');
  t.equal(parseDecimal('1e3', 2), undefined);
  t.equal(parseDecimal('', 2), undefined);
});

t.test('forint lines round each step to whole forints, half away from zero', async (t) => {
  // gross 1700 at 27 %: VAT 1700 * 27 / 127 = 361.42 -> 361
  t.same(lineTotals(170000, 1000, 27, true, 'Ft'), { net: 133900, vat: 36100, gross: 170000 });
  // net 0.5 Ft x 3 = 1.5 -> 2; VAT 27 % of 2 = 0.54 -> 1
  t.same(lineTotals(50, 3000, 27, false, 'HUF'), { net: 200, vat: 100, gross: 300 });
  // negative line (discount) mirrors the positive one
  t.same(lineTotals(-170000, 1000, 27, true, 'Ft'), { net: -133900, vat: -36100, gross: -170000 });
  t.same(lineTotals(99900, 2500, 5, false, 'Ft'), { net: 249800, vat: 12500, gross: 262300 });
});

t.test('other currencies keep cents', async (t) => {
  t.same(lineTotals(1099, 3000, 27, false, 'EUR'), { net: 3297, vat: 890, gross: 4187 });
  t.equal(formatAmount(4187, 'EUR'), '41.87');
  t.equal(formatAmount(170000, 'Ft'), '1700');
  t.equal(formatAmount(-5, 'EUR'), '-0.05');
});

t.test('dates are YYYY.MM.DD. with an optional trailing dot, and must exist', async (t) => {
  t.equal(parseHuDate('2025.08.23.'), '2025-08-23');
  t.equal(parseHuDate('2025.08.23'), '2025-08-23');
  t.equal(parseHuDate('2024.02.29.'), '2024-02-29');
  t.equal(parseHuDate('2025.02.29.'), undefined);
  t.equal(parseHuDate('2025-08-23'), undefined);
  t.equal(toHuDate('2025-08-23'), '2025.08.23.');
});

t.test('VAT labels from AFAKulcsEnum: rated and 0 % categories', async (t) => {
  t.equal(vatRateOf('27%'), 27);
  t.equal(vatRateOf('18%'), 18);
  t.equal(vatRateOf('5%'), 5);
  t.equal(vatRateOf('0% - KBA'), 0);
  t.equal(vatRateOf('0% - ÁTK'), 0);
  t.equal(vatRateOf('0%'), undefined, 'a bare 0% names no exemption category');
  t.equal(vatRateOf('21%'), undefined);
  t.equal(VAT_LABELS.length, 19);
});
