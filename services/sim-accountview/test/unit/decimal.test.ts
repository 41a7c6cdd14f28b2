import t from 'tap';
import { computeVat } from '../../src/domain/create-journal-page.js';
import {
  compareDecimal,
  divideRounded,
  fromScaled,
  isDecimal,
  toDecimalText,
  toScaled,
} from '../../src/domain/decimal.js';

t.test('toDecimalText canonicalises numbers and numeric strings', async (t) => {
  t.equal(toDecimalText(25.0), '25');
  t.equal(toDecimalText('025.500'), '25.5');
  t.equal(toDecimalText(-0), '0');
  t.equal(toDecimalText('-0.00'), '0');
  t.equal(toDecimalText(0.1 + 0.2), '0.30000000000000004', 'the JSON number as sent, not rounded');
  t.equal(toDecimalText(1e21), '1000000000000000000000');
  t.equal(toDecimalText(-1.5e21), '-1500000000000000000000');
  t.equal(toDecimalText(2.5e-7), '0.00000025');
  t.equal(toDecimalText(' 12.10 '), '12.1');
  t.equal(toDecimalText('12,10'), undefined, 'comma decimals are not numbers on the wire');
  t.equal(toDecimalText(Number.NaN), undefined);
  t.equal(toDecimalText(true), undefined);
  t.ok(isDecimal('-3.25'));
  t.notOk(isDecimal('3.'));
});

t.test('scaling rounds half away from zero and round-trips', async (t) => {
  t.equal(toScaled('20.125', 2), 2013n);
  t.equal(toScaled('-20.125', 2), -2013n);
  t.equal(toScaled('20.124', 2), 2012n);
  t.equal(toScaled('7', 2), 700n);
  t.equal(fromScaled(2013n, 2), '20.13');
  t.equal(fromScaled(-5n, 2), '-0.05');
  t.equal(fromScaled(1200n, 2), '12');
  t.equal(fromScaled(0n, 4), '0');
});

t.test('compare and divide', async (t) => {
  t.equal(compareDecimal('10', '9.99'), 1);
  t.equal(compareDecimal('-1', '1'), -1);
  t.equal(compareDecimal('2.50', '2.5'), 0);
  t.equal(divideRounded(5n, 2n), 3n);
  t.equal(divideRounded(-5n, 2n), -3n);
  t.equal(divideRounded(4n, 3n), 1n);
  t.equal(divideRounded(5n, -2n), -3n);
});

t.test('VAT per line, NL rounding (notes §5)', async (t) => {
  t.equal(computeVat('37.50', '21', false), 788n, '7.875 -> 7.88');
  t.equal(computeVat('12.50', '21', false), 263n, '2.625 -> 2.63');
  t.equal(computeVat('121', '21', true), 2100n, 'gross 121 contains 21.00');
  t.equal(computeVat('10.90', '9', true), 90n);
  t.equal(computeVat('-37.50', '21', false), -788n, 'credit lines round symmetrically');
  t.equal(computeVat('100', '0', false), 0n);
});
