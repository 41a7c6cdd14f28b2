import t from 'tap';
import {
  computeVat,
  divideHalfUp,
  grossFromNet,
  inferVatRateBp,
  KNOWN_VAT_RATES_BP,
  netFromGross,
  parseVatRateBp,
} from '../src/index.js';

t.test('VAT is rounded half-up to whole minor units (NL rule: 20.125 → 20.13)', async (t) => {
  t.equal(computeVat(8050n, 2500), 2013n, '80.50 at 25 % = 20.125 → 20.13');
  t.equal(computeVat(3750n, 2100), 788n, '37.50 at 21 % = 7.875 → 7.88');
  t.equal(computeVat(1250n, 2100), 263n, '12.50 at 21 % = 2.625 → 2.63');
  t.equal(computeVat(5000n, 2100), 1050n);
  t.equal(computeVat(450000n, 2700), 121500n, 'HUF 4500 at 27 %');
  t.equal(computeVat(9583n, 2100), 2012n, '20.1243 → 20.12');
  t.equal(computeVat(0n, 2100), 0n);
  t.equal(computeVat(-3750n, 2100), -788n, 'a discount mirrors the positive amount');
});

t.test('rates must be whole basis points in 0..10000', async (t) => {
  t.throws(() => computeVat(100n, -1), RangeError);
  t.throws(() => computeVat(100n, 10_001), RangeError);
  t.throws(() => computeVat(100n, 21.5), RangeError);
  t.throws(() => divideHalfUp(1n, 0n), RangeError);
});

t.test('parses VAT percentages into basis points', async (t) => {
  t.equal(parseVatRateBp('27.0000'), 2700);
  t.equal(parseVatRateBp('5.5'), 550);
  t.equal(parseVatRateBp(21), 2100);
  t.equal(parseVatRateBp('0'), 0);
  t.throws(() => parseVatRateBp('27.125'), RangeError);
  t.throws(() => parseVatRateBp('101'), RangeError);
  t.throws(() => parseVatRateBp('abc'), RangeError);
});

t.test('net from gross and rate inference', async (t) => {
  t.equal(netFromGross(127000n, 2700), 100000n);
  t.equal(netFromGross(100000n, 2700), 78740n);
  t.equal(inferVatRateBp(100000n, 127000n), 2700);
  t.equal(inferVatRateBp(413n, 500n), 2100, '4.13 + 0.87');
  t.equal(inferVatRateBp(78740n, 100000n), 2700, 'within one minor unit');
  t.equal(inferVatRateBp(-100000n, -127000n), 2700, 'negative amounts');
  t.equal(inferVatRateBp(0n, 0n), 0);
  t.equal(inferVatRateBp(10000n, 10000n), 0);
  t.equal(inferVatRateBp(10000n, 11111n), 1111, 'unknown rate: ratio in basis points');
});

t.test('property: VAT is within half a minor unit of the exact value and symmetric', async (t) => {
  let failures = 0;
  for (const rateBp of KNOWN_VAT_RATES_BP) {
    for (let net = -30_000n; net <= 30_000n; net += 3n) {
      const vat = computeVat(net, rateBp);
      const exactTimes10000 = net * BigInt(rateBp);
      const errorTimes10000 = vat * 10_000n - exactTimes10000;
      const quotient = exactTimes10000 / 10_000n;
      const remainder = exactTimes10000 % 10_000n;
      const reference = remainder >= 5_000n ? quotient + 1n : remainder <= -5_000n ? quotient - 1n : quotient;
      if (vat !== reference) failures += 1;
      if (errorTimes10000 > 5_000n || errorTimes10000 < -5_000n) failures += 1;
      if (computeVat(-net, rateBp) !== -vat) failures += 1;
    }
  }
  t.equal(failures, 0);
});

t.test('property: gross → net → gross stays within one minor unit; rate is recovered', async (t) => {
  let failures = 0;
  for (const rateBp of [0, 500, 900, 1800, 2100, 2700]) {
    for (let net = 1n; net <= 50_000n; net += 11n) {
      const gross = grossFromNet(net, rateBp);
      const back = netFromGross(gross, rateBp);
      if (back - net > 1n || net - back > 1n) failures += 1;
      if (net >= 500n && inferVatRateBp(net, gross, [0, 500, 900, 1800, 2100, 2700]) !== rateBp)
        failures += 1;
    }
  }
  t.equal(failures, 0);
});
