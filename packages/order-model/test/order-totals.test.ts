import { LineKind, VatRounding } from '@koppel/contracts';
import t from 'tap';
import {
  buildDiscountLine,
  buildDiscountLines,
  buildLine,
  buildLineFromGross,
  buildPaymentFeeLine,
  buildProductLine,
  buildShippingLine,
  computeTotals,
  computeVat,
  vatBreakdownByRate,
} from '../src/index.js';

const product = (unitPriceNet: bigint, vatRateBp: number, quantity = 1) =>
  buildProductLine({ name: 'p', sku: 'P', quantity, unitPriceNet, vatRateBp });

t.test('the notes example: 37.50 + 12.50 at 21 % → 10.51 per line, 10.50 per rate', async (t) => {
  const lines = [product(3750n, 2100), product(1250n, 2100)];
  t.same(
    lines.map((line) => line.vatAmount),
    [788n, 263n],
  );
  t.match(computeTotals(lines, VatRounding.PER_LINE), { net: 5000n, vat: 1051n, gross: 6051n });
  t.match(computeTotals(lines, VatRounding.PER_RATE), { net: 5000n, vat: 1050n, gross: 6050n });
});

t.test('a net line: totals from unit × quantity, VAT on the line total', async (t) => {
  const line = buildLine({
    kind: LineKind.PRODUCT,
    name: 'Mug',
    sku: 'MUG-01',
    quantity: 3,
    unitPriceNet: 333n,
    vatRateBp: 2100,
    sourceLineId: '9',
  });
  t.match(line, {
    totalNet: 999n,
    vatAmount: 210n,
    totalGross: 1209n,
    unitPriceGross: 403n,
    sku: 'MUG-01',
    sourceLineId: '9',
    ean: '',
  });
  t.throws(() => product(100n, 2100, 0), RangeError);
  t.throws(() => product(100n, 2100, 1.5), RangeError);
});

t.test('shipping, payment fee and discount lines', async (t) => {
  t.match(buildShippingLine({ name: 'PostNL', unitPriceNet: 413n, vatRateBp: 2100 }), {
    kind: LineKind.SHIPPING,
    quantity: 1,
    totalGross: 500n,
  });
  t.match(buildPaymentFeeLine({ name: 'COD', unitPriceNet: 39370n, vatRateBp: 2700 }), {
    kind: LineKind.PAYMENT_FEE,
    vatAmount: 10630n,
  });
  t.match(buildDiscountLine({ name: 'Coupon', totalGross: 1210n, vatRateBp: 2100 }), {
    kind: LineKind.DISCOUNT,
    totalNet: -1000n,
    vatAmount: -210n,
    totalGross: -1210n,
  });
  t.match(buildLineFromGross({ kind: LineKind.SHIPPING, name: 's', totalGross: 500n, vatRateBp: 2100 }), {
    totalNet: 413n,
    vatAmount: 87n,
  });
});

t.test('a discount is split over the product rates in proportion to their gross', async (t) => {
  const lines = [product(10000n, 2100), product(10000n, 900)];
  const discounts = buildDiscountLines({ name: 'Coupon', totalGross: 2300n }, lines);
  t.same(
    discounts.map((line) => [line.vatRateBp, line.totalGross]),
    [
      [900, -1090n],
      [2100, -1210n],
    ],
  );
  t.same(
    buildDiscountLines({ name: 'c', totalGross: -100n }, []).map((line) => line.vatRateBp),
    [0],
  );
  const single = buildDiscountLines({ name: 'c', totalGross: 500n }, [product(1000n, 2700)]);
  t.same(
    single.map((line) => [line.name, line.vatRateBp, line.totalGross]),
    [['c', 2700, -500n]],
  );
});

t.test('property: discount shares add up exactly to the discount', async (t) => {
  let failures = 0;
  for (let amount = 1n; amount < 20_000n; amount += 97n) {
    const lines = [product(amount * 3n + 7n, 2100), product(amount + 1n, 900, 2), product(555n, 0)];
    const shares = buildDiscountLines({ name: 'd', totalGross: amount }, lines);
    if (shares.reduce((sum, line) => sum + line.totalGross, 0n) !== -amount) failures += 1;
  }
  t.equal(failures, 0);
});

t.test('property: per-rate and per-line VAT differ by at most half a unit per line', async (t) => {
  let failures = 0;
  for (let seed = 1; seed < 3000; seed += 1) {
    const count = (seed % 5) + 1;
    const lines = Array.from({ length: count }, (_, index) =>
      product(
        BigInt((seed * 7919 + index * 104729) % 100_000),
        [2100, 900, 2700][index % 3] ?? 0,
        (index % 3) + 1,
      ),
    );
    const perLine = computeTotals(lines, VatRounding.PER_LINE);
    const perRate = computeTotals(lines, VatRounding.PER_RATE);
    const diff = perLine.vat - perRate.vat;
    if (perLine.net !== perRate.net || diff * 2n > BigInt(count) || -diff * 2n > BigInt(count)) failures += 1;
    const breakdown = vatBreakdownByRate(lines);
    if (breakdown.some((base) => base.vat !== computeVat(base.net, base.vatRateBp))) failures += 1;
  }
  t.equal(failures, 0);
});

t.test('an unspecified rounding method is refused', async (t) => {
  t.throws(() => computeTotals([], VatRounding.UNSPECIFIED), RangeError);
  t.match(computeTotals([], VatRounding.PER_RATE), { net: 0n, vat: 0n, gross: 0n });
});
