import { LineKind } from '@koppel/contracts';
import { formatScaledDecimal, validateCanonicalOrder } from '@koppel/order-model';
import t from 'tap';
import { type AcceptanceFixture, EUR_FIXTURES, HU_EUR_FIXTURES, HUF_FIXTURES } from '../src/index.js';

const all = [...EUR_FIXTURES, ...HUF_FIXTURES, ...HU_EUR_FIXTURES];

t.test('names are unique and every fixture states totals that add up', async (t) => {
  t.equal(new Set(all.map((f) => f.name)).size, all.length);
  for (const fixture of all) {
    t.equal(fixture.shop.net + fixture.shop.vat, fixture.shop.gross, `${fixture.name}: net + VAT = gross`);
    t.same(
      fixture.order.totals,
      { ...fixture.order.totals, ...fixture.shop },
      `${fixture.name}: order totals`,
    );
  }
});

t.test('every order is a valid canonical order, sub-minor-unit prices included', async (t) => {
  for (const fixture of all) {
    t.same(validateCanonicalOrder(fixture.order), [], fixture.name);
    const exact = fixture.order.lines.some((l) => l.unitPriceNetExact !== '' || l.unitPriceGrossExact !== '');
    t.equal(exact, fixture.subMinorUnitPrices, `${fixture.name}: exact unit prices where the shop has them`);
  }
});

t.test('the Shoprenter line: 5000 Ft gross at 5 % is net 4761.90 Ft, × 10 net 47619.05 Ft', async (t) => {
  const fixture = HUF_FIXTURES.find((f) => f.name === 'hu-shoprenter-4-decimals');
  const lines = fixture?.order.lines ?? [];
  t.same(
    lines.map((l) => [l.quantity, formatScaledDecimal(l.totalNet, 2), formatScaledDecimal(l.totalGross, 2)]),
    [
      [1, '4761.90', '5000.00'],
      [10, '47619.05', '50000.00'],
      [50, '238095.24', '250000.00'],
    ],
    'each line total rounded once from the exact net (4761.9048 × quantity)',
  );
  t.same(
    lines.map((l) => [l.unitPriceNet, l.unitPriceNetExact, l.unitPriceGrossExact]),
    Array(3).fill([476190n, '4761.9048', '5000.0000']),
    'the rounded display price next to the exact one',
  );
});

t.test('coverage: quantities 1/10/50, NL 21/9/0, HU 27/18/5, fees, coupons, cross-border', async (t) => {
  const rates = (fixtures: readonly AcceptanceFixture[]) =>
    new Set(fixtures.flatMap((f) => f.order.lines.map((l) => l.vatRateBp)));
  for (const rate of [2100, 900, 0, 1900, 2000]) t.ok(rates(EUR_FIXTURES).has(rate), `EUR ${rate}`);
  for (const rate of [2700, 1800, 500, 0, 1900]) t.ok(rates(HUF_FIXTURES).has(rate), `HUF ${rate}`);
  const quantities = new Set(all.flatMap((f) => f.order.lines.map((l) => l.quantity)));
  for (const quantity of [1, 10, 50]) t.ok(quantities.has(quantity), `quantity ${quantity}`);
  const kinds = new Set(all.flatMap((f) => f.order.lines.map((l) => l.kind)));
  for (const kind of [LineKind.SHIPPING, LineKind.PAYMENT_FEE, LineKind.DISCOUNT]) t.ok(kinds.has(kind));
  for (const fixtures of [EUR_FIXTURES, HUF_FIXTURES, HU_EUR_FIXTURES]) {
    t.ok(fixtures.some((f) => f.vat.kind === 'reverse-charge'));
    t.ok(fixtures.some((f) => f.vat.kind === 'oss'));
  }
});
