import t from 'tap';
import { divideRounded, excludingVat, formatDecimal, parseDecimal } from '../src/decimal-money.js';

t.test('decimal strings round-trip at a fixed scale', async (t) => {
  t.equal(parseDecimal('58.00', 2), 5800n);
  t.equal(parseDecimal('-1.5', 2), -150n);
  t.equal(formatDecimal(5800n, 2), '58.00');
  t.equal(formatDecimal(-5n, 2), '-0.05');
  t.equal(formatDecimal(47933884n, 6), '47.933884');
  t.throws(() => parseDecimal('1.234', 2), /more than 2 decimals/);
  t.throws(() => parseDecimal('1,23', 2), /not a decimal/);
});

t.test('rounding is half away from zero', async (t) => {
  t.equal(divideRounded(5n, 2n), 3n);
  t.equal(divideRounded(-5n, 2n), -3n);
  t.equal(divideRounded(4n, 3n), 1n);
});

t.test('amount excl. VAT has 6 decimals, as in the spec example', async (t) => {
  t.equal(formatDecimal(excludingVat(5800n, 2100n), 6), '47.933884');
  t.equal(formatDecimal(excludingVat(2900n, 2100n), 6), '23.966942');
  t.equal(formatDecimal(excludingVat(1000n, 2100n), 6), '8.264463');
  t.equal(formatDecimal(excludingVat(1090n, 900n), 6), '10.000000');
  t.equal(formatDecimal(excludingVat(2500n, 0n), 6), '25.000000');
});
