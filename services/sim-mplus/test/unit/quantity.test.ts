import t from 'tap';
import { divRound, fromDecimalText, fromWire, toWire, UNIT } from '../../src/domain/quantity.js';

t.test('wire quantities (amount + decimalPlaces) round-trip through millionths', async (t) => {
  t.equal(fromWire(125, 2), 1_250_000n, '1.25');
  t.equal(fromWire(3, 0), 3n * UNIT);
  t.same(toWire(1_250_000n), { amount: 125, decimalPlaces: 2 });
  t.same(toWire(1_200_000n), { amount: 12, decimalPlaces: 1 }, 'trailing zeros dropped');
  t.same(toWire(-3_000_000n), { amount: -3, decimalPlaces: 0 });
  t.same(toWire(0n), { amount: 0, decimalPlaces: 0 });
  t.equal(fromWire(123_456_789, 8), 1_234_567n, 'more places than the scale are truncated');
});

t.test('decimal text parses without floating point', async (t) => {
  t.equal(fromDecimalText('2.5'), 2_500_000n);
  t.equal(fromDecimalText('-0.001'), -1_000n);
  t.equal(fromDecimalText('40'), 40n * UNIT);
});

t.test('divRound rounds half away from zero', async (t) => {
  t.equal(divRound(5n, 2n), 3n);
  t.equal(divRound(-5n, 2n), -3n);
  t.equal(divRound(4n, 3n), 1n);
  t.equal(divRound(250_000n, 121n), 2066n, '2500 cents incl. 21 % -> 2066 excl.');
  t.equal(divRound(2_012_500n, 100_000n), 20n);
});
