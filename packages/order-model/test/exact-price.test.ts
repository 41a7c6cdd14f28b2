import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type CanonicalOrder, CanonicalOrderSchema, type OrderLine, VatRounding } from '@koppel/contracts';
import t from 'tap';
import {
  buildProductLine,
  computeTotals,
  exactLineTotal,
  formatScaledDecimal,
  normalizeExactPrice,
  roundExactToMinor,
  validateCanonicalOrder,
} from '../src/index.js';

function orderOf(lines: OrderLine[], currency = 'HUF'): CanonicalOrder {
  return create(CanonicalOrderSchema, {
    sourceSystem: 'shoprenter',
    externalId: '205',
    currency,
    createdAt: timestampFromDate(new Date('2025-03-01T09:15:00Z')),
    customer: { email: 'anna@example.hu' },
    lines,
    totals: computeTotals(lines, VatRounding.PER_LINE),
    vatRounding: VatRounding.PER_LINE,
  });
}

const money = (line: OrderLine) =>
  [line.unitPriceNet, line.totalNet, line.vatAmount, line.totalGross].map((v) => formatScaledDecimal(v, 2));

t.test('exact price × quantity is rounded once, half away from zero', async (t) => {
  t.equal(exactLineTotal('4761.9048', 10, 'HUF'), 4761905n, '47619.048 → 47619.05');
  t.equal(exactLineTotal('4761.9048', 50, 'HUF'), 23809524n, '238095.24');
  t.equal(exactLineTotal('16.5207', 50, 'EUR'), 82604n, '826.035 → 826.04 (half up)');
  t.equal(exactLineTotal('-16.5207', 50, 'EUR'), -82604n, '-826.035 → -826.04 (away from zero)');
  t.equal(exactLineTotal('0.0049', 1, 'EUR'), 0n, '0.0049 → 0.00');
  t.equal(exactLineTotal('5', 3, 'JPY'), 15n);
  t.equal(roundExactToMinor(125n, 'EUR'), 1n, '0.0125 → 0.01');
  t.equal(normalizeExactPrice('5000'), '5000.0000');
  t.throws(() => exactLineTotal('1.23456', 1, 'EUR'), RangeError, 'more than 4 decimals');
});

t.test('a Shoprenter line: 5000 Ft gross at 5 % (net 4761.9048) stays 50000 Ft for 10', async (t) => {
  const line = (quantity: number) =>
    buildProductLine({
      name: 'Könyv',
      quantity,
      vatRateBp: 500,
      exact: { currency: 'HUF', net: '4761.9048', gross: '5000' },
    });
  t.same(money(line(1)), ['4761.90', '4761.90', '238.10', '5000.00']);
  t.same(money(line(10)), ['4761.90', '47619.05', '2380.95', '50000.00']);
  t.same(money(line(50)), ['4761.90', '238095.24', '11904.76', '250000.00']);
  t.equal(line(10).unitPriceNetExact, '4761.9048');
  t.equal(line(10).unitPriceGrossExact, '5000.0000');
  t.equal(line(10).unitPriceGross, 500000n);
  t.same(validateCanonicalOrder(orderOf([line(1), line(10), line(50)])), []);
});

t.test('net exact alone: VAT on the rounded total net; gross exact alone: net from the gross', async (t) => {
  const net = buildProductLine({
    name: 'A',
    quantity: 10,
    vatRateBp: 2700,
    exact: { currency: 'HUF', net: '787.4016' },
  });
  t.same(money(net), ['787.40', '7874.02', '2125.99', '10000.01']);
  const gross = buildProductLine({
    name: 'Mok',
    quantity: 50,
    vatRateBp: 2100,
    exact: { currency: 'EUR', gross: '19.99' },
  });
  t.same(money(gross), ['16.52', '826.03', '173.47', '999.50'], 'net = 999.50 / 1.21 rounded once');
  t.same(validateCanonicalOrder(orderOf([net])), []);
  t.same(validateCanonicalOrder(orderOf([gross], 'EUR')), []);
});

t.test('a given unitPriceNet must be the exact one rounded; an exact price needs a value', async (t) => {
  const input = { name: 'A', quantity: 1, vatRateBp: 500 };
  t.ok(buildProductLine({ ...input, unitPriceNet: 476190n, exact: { currency: 'HUF', net: '4761.9048' } }));
  t.throws(() =>
    buildProductLine({ ...input, unitPriceNet: 476191n, exact: { currency: 'HUF', net: '4761.9048' } }),
  );
  t.throws(() => buildProductLine({ ...input, exact: { currency: 'HUF' } }));
  t.throws(() => buildProductLine(input), RangeError, 'neither unit price nor exact');
});

t.test('validation: exact totals checked, strict rule without an exact price', async (t) => {
  const line = buildProductLine({
    name: 'Könyv',
    quantity: 10,
    vatRateBp: 500,
    exact: { currency: 'HUF', net: '4761.9048', gross: '5000' },
  });
  const paths = (edit: Partial<OrderLine>) =>
    validateCanonicalOrder(orderOf([{ ...line, ...edit }])).map((p) => p.path);
  t.same(paths({}), []);
  t.same(
    paths({ totalNet: 4761900n, vatAmount: 238095n, totalGross: 4999995n }),
    ['lines[0].total_gross', 'lines[0].total_net'],
    'the old per-unit rounding (10 × 4761.90) is refused',
  );
  t.same(paths({ unitPriceNet: 476191n }), ['lines[0].unit_price_net']);
  t.same(paths({ unitPriceNetExact: '4761.90481' }), ['lines[0].unit_price_net_exact']);
  t.same(paths({ unitPriceNetExact: '', unitPriceGrossExact: '' }), ['lines[0].total_net'], 'strict again');
  t.same(paths({ unitPriceGrossExact: '5000.01' }), ['lines[0].total_gross', 'lines[0].unit_price_gross']);
});
