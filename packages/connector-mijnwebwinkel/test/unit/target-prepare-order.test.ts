import { create } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, LineKind } from '@koppel/contracts';
import { isAppError } from '@koppel/errors';
import t from 'tap';
import { formatCents, formatRate, prepareMijnwebwinkelOrder } from '../../src/index.js';

const settings = { orderStatus: 4 };

function tillOrder(
  lines: { kind?: LineKind; sku?: string; name?: string; quantity: number; rate: number; gross: bigint }[],
  overrides: Record<string, unknown> = {},
) {
  return create(CanonicalOrderSchema, {
    sourceSystem: 'mplus',
    externalId: 'till-1',
    orderNumber: '2026-1001',
    currency: 'EUR',
    customer: { email: 'anna@example.nl', firstName: 'Anna', lastName: 'de Vries', companyName: 'Bakkerij' },
    billingAddress: {
      firstName: 'Anna',
      lastName: 'de Vries',
      street: 'Kerkstraat',
      houseNumber: '12',
      houseNumberAddition: 'a',
      postcode: '1234AB',
      city: 'Utrecht',
      countryCode: 'NL',
    },
    lines: lines.map((l) => ({
      kind: l.kind ?? LineKind.PRODUCT,
      sku: l.sku ?? 'MOK',
      name: l.name ?? 'Mok',
      quantity: l.quantity,
      vatRateBp: l.rate,
      totalGross: l.gross,
    })),
    totals: { gross: lines.reduce((sum, l) => sum + l.gross, 0n) },
    ...overrides,
  });
}

function grossOf(body: ReturnType<typeof prepareMijnwebwinkelOrder>['body']): bigint {
  return body.orderlines.reduce((sum, line) => {
    const price = line.type === 'article' ? line.price_override : line.unit_price.amount_including_tax;
    return sum + BigInt(Math.round(Number(price) * 100)) * BigInt(line.quantity);
  }, 0n);
}

t.test('formats cents and rates exactly', async (t) => {
  t.equal(formatCents(3540n), '35.40');
  t.equal(formatCents(-5n), '-0.05');
  t.equal(formatCents(0n), '0.00');
  t.equal(formatRate(2100), '21.00');
  t.equal(formatRate(950), '9.50');
});

t.test('the shop order carries the till total to the cent for quantities 1, 10 and 50', async (t) => {
  for (const quantity of [1, 10, 50]) {
    const order = tillOrder([
      { quantity, rate: 2100, gross: 1295n * BigInt(quantity) + 3n },
      { kind: LineKind.DISCOUNT, name: 'Korting', quantity: 1, rate: 900, gross: -250n },
      { kind: LineKind.SHIPPING, name: 'Bezorgen', quantity: 1, rate: 2100, gross: 495n },
    ]);
    const { body } = prepareMijnwebwinkelOrder(order, settings);
    t.equal(grossOf(body), order.totals?.gross, `quantity ${quantity}`);
    const rounding = body.orderlines.find(
      (l) => l.type === 'custom' && l.description.endsWith('(afronding)'),
    );
    t.ok(quantity === 1 || rounding, 'an indivisible line gets an explicit rounding line');
  }
});

t.test('lines, reference, debtor and payment', async (t) => {
  const { number, body } = prepareMijnwebwinkelOrder(
    tillOrder([
      { quantity: 3, rate: 2100, gross: 3000n },
      { sku: 'THEE', name: 'Thee', quantity: 1, rate: 900, gross: 540n },
    ]),
    settings,
  );
  t.equal(number, '2026-1001');
  t.equal(body.comments.internal, 'Koppel: 2026-1001');
  t.equal(body.status, 4);
  t.same(body.orderlines[0], { type: 'article', sku: 'MOK', quantity: 3, price_override: '10.00' });
  t.same(body.orderlines[1], { type: 'article', sku: 'THEE', quantity: 1, price_override: '5.40' });
  t.equal(body.debtor.email, 'anna@example.nl');
  t.equal(body.debtor.address.invoice.name, 'Anna de Vries');
  t.equal(body.debtor.address.invoice.company, 'Bakkerij');
  t.equal(body.debtor.address.invoice.number, '12 a');
  t.equal(body.payment.gateway_name, 'basic');
  t.equal(body.totalGrossCents, '3540');
  t.equal(body.business_model, 'B2B', 'a company customer: B2B');
  t.equal(body.reference, '2026-1001', 'with the till reference (B2B only)');
  t.equal(body.currency, 'EUR', "the order's currency, checked against the store's");
});

t.test('a person is B2C, without reference; the look-up starts the day before the till order', async (t) => {
  const person = tillOrder([{ quantity: 1, rate: 2100, gross: 100n }], {
    customer: { email: 'anna@example.nl', firstName: 'Anna', lastName: 'de Vries' },
    createdAt: { seconds: BigInt(Date.parse('2026-03-01T00:30:00Z') / 1000), nanos: 0 },
  });
  const { body } = prepareMijnwebwinkelOrder(person, settings);
  t.equal(body.business_model, 'B2C');
  t.equal(body.reference, undefined);
  t.equal(body.searchFrom, '2026-02-28');
});

t.test('refusals name the field', async (t) => {
  const refused = (order: ReturnType<typeof tillOrder>, field: string) => {
    try {
      prepareMijnwebwinkelOrder(order, settings);
      t.fail(`expected a refusal on ${field}`);
    } catch (error) {
      t.ok(isAppError(error) && error.code === 'VALIDATION_FAILED' && error.field === field, field);
    }
  };
  refused(tillOrder([{ quantity: 1, rate: 2100, gross: 100n, sku: '' }]), 'lines[0].sku');
  refused(tillOrder([{ quantity: -1, rate: 2100, gross: -100n }]), 'lines[0].quantity');
  refused(tillOrder([{ quantity: 1, rate: 2100, gross: 100n }], { totals: { gross: 101n } }), 'totals.gross');
  refused(
    tillOrder([{ quantity: 1, rate: 2100, gross: 100n }], { customer: { email: '' } }),
    'customer.email',
  );
});
