import t from 'tap';
import {
  formatScaledDecimal,
  isKnownCurrency,
  minorDigits,
  parseMinorUnits,
  parseScaledDecimal,
  toDecimalNumber,
  toDecimalString,
} from '../src/index.js';

t.test('parses Shoprenter and other source amounts exactly', async (t) => {
  t.equal(parseMinorUnits('4500', 'HUF'), 450000n);
  t.equal(parseMinorUnits('3990.0000', 'HUF'), 399000n);
  t.equal(parseMinorUnits(1000.0, 'HUF'), 100000n);
  t.equal(parseMinorUnits(0, 'EUR'), 0n);
  t.equal(parseMinorUnits('-12.5', 'EUR'), -1250n);
  t.equal(parseMinorUnits(' 0.07 ', 'EUR'), 7n);
  t.equal(parseMinorUnits('.5', 'EUR'), 50n);
  t.equal(parseMinorUnits('12.', 'EUR'), 1200n);
  t.equal(parseMinorUnits(1234.56, 'EUR'), 123456n, 'a float literal keeps its shortest text');
  t.equal(parseMinorUnits('1500', 'JPY'), 1500n);
  t.equal(parseMinorUnits('1.234', 'KWD'), 1234n);
  t.equal(parseMinorUnits(5n, 'EUR'), 500n);
  t.equal(parseMinorUnits('123456789012345678.99', 'EUR'), 12345678901234567899n, 'beyond float precision');
});

t.test('extra decimals: exact rejects, half-up rounds away from zero', async (t) => {
  t.throws(() => parseMinorUnits('787.4016', 'HUF'), RangeError);
  t.equal(parseMinorUnits('787.4016', 'HUF', { rounding: 'half-up' }), 78740n);
  t.equal(parseMinorUnits('20.125', 'EUR', { rounding: 'half-up' }), 2013n);
  t.equal(parseMinorUnits('20.12499', 'EUR', { rounding: 'half-up' }), 2012n);
  t.equal(parseMinorUnits('-20.125', 'EUR', { rounding: 'half-up' }), -2013n);
  t.equal(parseMinorUnits('0.995', 'EUR', { rounding: 'half-up' }), 100n);
});

t.test('rejects what is not a decimal number or not a known currency', async (t) => {
  for (const bad of ['', ' ', '-', '.', '1,5', '1e3', 'abc', '1.2.3', '+-1', '0x10']) {
    t.throws(() => parseMinorUnits(bad, 'EUR'), RangeError, JSON.stringify(bad));
  }
  t.throws(() => parseMinorUnits(Number.NaN, 'EUR'), RangeError);
  t.throws(() => parseMinorUnits(1e21, 'EUR'), RangeError);
  t.throws(() => parseMinorUnits('1', 'XYZ'), RangeError);
  t.notOk(isKnownCurrency('XYZ'));
  t.equal(minorDigits('HUF'), 2, 'ISO 4217 gives HUF two minor digits');
});

t.test('formats minor units for targets', async (t) => {
  t.equal(toDecimalString(399000n, 'HUF'), '3990.00');
  t.equal(toDecimalString(-5n, 'EUR'), '-0.05');
  t.equal(toDecimalString(0n, 'EUR'), '0.00');
  t.equal(toDecimalString(1500n, 'JPY'), '1500');
  t.equal(toDecimalString(1234n, 'KWD'), '1.234');
  t.equal(toDecimalNumber(1013n, 'EUR'), 10.13);
  t.equal(formatScaledDecimal(2700n, 2), '27.00');
});

t.test('property: format then parse is the identity, for many amounts and currencies', async (t) => {
  let failures = 0;
  for (const currency of ['EUR', 'HUF', 'JPY', 'KWD']) {
    for (let i = -20_000n; i <= 20_000n; i += 7n) {
      const minor = i * i * (i < 0n ? -1n : 1n) + i;
      if (parseMinorUnits(toDecimalString(minor, currency), currency) !== minor) failures += 1;
    }
  }
  t.equal(failures, 0);
});

t.test('property: half-up parse equals the nearest minor unit, ties away from zero', async (t) => {
  let failures = 0;
  for (let tenThousandths = -200_000; tenThousandths <= 200_000; tenThousandths += 13) {
    const text = formatScaledDecimal(BigInt(tenThousandths), 4);
    const magnitude = Math.abs(tenThousandths);
    const expected = BigInt(Math.sign(tenThousandths) * Math.floor((magnitude + 50) / 100));
    if (parseScaledDecimal(text, 2, 'half-up') !== expected) failures += 1;
  }
  t.equal(failures, 0);
});
