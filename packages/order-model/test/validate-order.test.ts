import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type CanonicalOrder, CanonicalOrderSchema, VatRounding } from '@koppel/contracts';
import t from 'tap';
import { buildProductLine, buildShippingLine, computeTotals, validateCanonicalOrder } from '../src/index.js';

function validOrder(): CanonicalOrder {
  const lines = [
    buildProductLine({ name: 'Mug', sku: 'MUG-01', quantity: 2, unitPriceNet: 450000n, vatRateBp: 2700 }),
    buildShippingLine({ name: 'GLS', unitPriceNet: 100000n, vatRateBp: 2700 }),
  ];
  return create(CanonicalOrderSchema, {
    sourceSystem: 'shoprenter',
    externalId: '205',
    currency: 'HUF',
    createdAt: timestampFromDate(new Date('2025-03-01T09:15:00Z')),
    customer: { email: 'anna@example.hu' },
    lines,
    totals: computeTotals(lines, VatRounding.PER_LINE),
    vatRounding: VatRounding.PER_LINE,
  });
}

const paths = (order: CanonicalOrder) => validateCanonicalOrder(order).map((problem) => problem.path);

t.test('a consistent order has no problems', async (t) => {
  t.same(validateCanonicalOrder(validOrder()), []);
});

t.test('header problems name their field', async (t) => {
  const order = validOrder();
  order.externalId = '';
  order.currency = 'XYZ';
  order.createdAt = undefined;
  t.same(paths(order), ['external_id', 'currency', 'created_at']);
  const noEmail = validOrder();
  noEmail.customer = undefined;
  t.same(paths(noEmail), ['customer.email']);
  const badEmail = validOrder();
  if (badEmail.customer) badEmail.customer.email = 'not-an-email';
  t.same(paths(badEmail), ['customer.email']);
});

t.test('identifiers past what Koppel can file are refused, naming the field and the length', async (t) => {
  const order = validOrder();
  order.externalId = '9'.repeat(201);
  order.orderNumber = 'N'.repeat(201);
  if (order.customer) order.customer.email = `${'a'.repeat(250)}@example.hu`;
  const line = order.lines[0];
  if (line) line.sku = 'S'.repeat(201);
  t.same(validateCanonicalOrder(order), [
    { path: 'external_id', message: 'is 201 characters long; at most 200' },
    { path: 'order_number', message: 'is 201 characters long; at most 200' },
    { path: 'customer.email', message: 'is 261 characters long; an e-mail address has at most 254' },
    { path: 'lines[0].sku', message: 'is 201 characters long; at most 200' },
  ]);
  const atTheLimits = validOrder();
  atTheLimits.externalId = '9'.repeat(200);
  if (atTheLimits.customer) atTheLimits.customer.email = `${'a'.repeat(243)}@example.hu`;
  t.same(validateCanonicalOrder(atTheLimits), [], 'the limits themselves pass');
});

t.test('no lines', async (t) => {
  const order = validOrder();
  order.lines = [];
  t.match(paths(order), ['lines', 'totals.net', 'totals.vat', 'totals.gross']);
});

t.test('inconsistent lines', async (t) => {
  const order = validOrder();
  const line = order.lines[0]!;
  line.totalNet += 1n;
  line.vatAmount += 5n;
  line.quantity = 0;
  t.match(paths(order), [
    'lines[0].quantity',
    'lines[0].total_net',
    'lines[0].total_gross',
    'lines[0].vat_amount',
  ]);
});

t.test('totals that do not add up, and rounding method mismatches', async (t) => {
  const order = validOrder();
  order.totals!.gross += 100n;
  t.same(paths(order), ['totals.gross']);
  const mixed = validOrder();
  mixed.vatRounding = VatRounding.UNSPECIFIED;
  t.same(paths(mixed), ['vat_rounding']);
  const perRate = validOrder();
  perRate.vatRounding = VatRounding.PER_RATE;
  t.same(paths(perRate), [], 'single-rate order: both methods agree here');
});
