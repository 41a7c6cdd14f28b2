import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { type CanonicalOrder, CanonicalOrderSchema, OrderStatus, PaymentStatus } from '@koppel/contracts';
import t from 'tap';
import {
  applyConnectionRules,
  type ConnectionRules,
  connectionRulesSchema,
} from '../../../src/domain/connection-rules.js';

function order(overrides: MessageInitShape<typeof CanonicalOrderSchema> = {}): CanonicalOrder {
  return create(CanonicalOrderSchema, {
    connectionId: 'conn-1',
    tenantId: 'tenant-1',
    sourceSystem: 'shoprenter',
    externalId: '1001',
    status: OrderStatus.PROCESSING,
    sourceStatusCode: '5',
    sourceStatusText: 'Fizetve',
    paymentStatus: PaymentStatus.PAID,
    currency: 'EUR',
    paymentMethodCode: 'BANK_TRANSFER',
    shippingMethodName: 'PostNL',
    ...overrides,
  });
}

const rules = (input: unknown): ConnectionRules => connectionRulesSchema.parse(input);

t.test('no rules: every order passes unchanged', async (t) => {
  const input = order();
  const outcome = applyConnectionRules(input, rules({}));
  t.equal(outcome.kind, 'pass');
  t.same(outcome.kind === 'pass' && outcome.order, input);
});

t.test('"only paid": unpaid orders are skipped with the reason, paid ones pass', async (t) => {
  const onlyPaid = rules({ statusFilter: { allowedPaymentStatuses: ['PAID'] } });
  t.equal(applyConnectionRules(order(), onlyPaid).kind, 'pass');

  const unpaid = applyConnectionRules(
    order({ status: OrderStatus.PENDING, paymentStatus: PaymentStatus.UNPAID }),
    onlyPaid,
  );
  t.same(unpaid, {
    kind: 'skip',
    reason: 'payment status UNPAID is not in the allowed payment statuses PAID',
  });
  const unknown = applyConnectionRules(order({ paymentStatus: PaymentStatus.UNSPECIFIED }), onlyPaid);
  t.match(
    unknown,
    { kind: 'skip', reason: /payment status UNSPECIFIED/ },
    'an unknown payment status is not paid',
  );
});

t.test('order status filter by canonical name or by the source status code', async (t) => {
  const byName = rules({ statusFilter: { allowedStatuses: ['PROCESSING', 'COMPLETED'] } });
  t.equal(applyConnectionRules(order({ status: OrderStatus.COMPLETED }), byName).kind, 'pass');
  const pending = applyConnectionRules(
    order({ status: OrderStatus.PENDING, sourceStatusCode: '1', sourceStatusText: 'Függőben' }),
    byName,
  );
  t.same(pending, {
    kind: 'skip',
    reason: 'status PENDING (source "1" Függőben) is not in the allowed statuses PROCESSING, COMPLETED',
  });

  const byCode = rules({ statusFilter: { allowedStatuses: ['5'] } });
  t.equal(
    applyConnectionRules(order({ status: OrderStatus.PENDING, sourceStatusCode: '5' }), byCode).kind,
    'pass',
    "the shop's own status code counts",
  );
  t.equal(applyConnectionRules(order({ sourceStatusCode: '6' }), byCode).kind, 'skip');
});

t.test('the order status is checked before the payment status', async (t) => {
  const both = rules({
    statusFilter: { allowedStatuses: ['COMPLETED'], allowedPaymentStatuses: ['PAID'] },
  });
  const outcome = applyConnectionRules(
    order({ status: OrderStatus.CANCELLED, paymentStatus: PaymentStatus.REFUNDED }),
    both,
  );
  t.match(outcome, { kind: 'skip', reason: /^status CANCELLED/ });
  t.match(
    applyConnectionRules(order({ status: OrderStatus.COMPLETED, paymentStatus: PaymentStatus.UNPAID }), both),
    { kind: 'skip', reason: /^payment status UNPAID/ },
  );
  t.equal(applyConnectionRules(order({ status: OrderStatus.COMPLETED }), both).kind, 'pass');
});

t.test('value maps translate payment and shipping methods; unmapped values are kept', async (t) => {
  const maps = rules({
    valueMaps: {
      paymentMethodCode: { BANK_TRANSFER: 'IDEAL', COD: 'REMBOURS' },
      shippingMethodName: { PostNL: 'Verzending PostNL' },
    },
  });
  const mapped = applyConnectionRules(order(), maps);
  t.match(mapped, {
    kind: 'pass',
    order: { paymentMethodCode: 'IDEAL', shippingMethodName: 'Verzending PostNL' },
  });
  const unmapped = applyConnectionRules(
    order({ paymentMethodCode: 'PAYPAL', shippingMethodName: 'DHL' }),
    maps,
  );
  t.match(unmapped, { kind: 'pass', order: { paymentMethodCode: 'PAYPAL', shippingMethodName: 'DHL' } });
});

t.test('extras fill in what the source lacks and never override what it sent', async (t) => {
  const withExtras = rules({ extras: { employeeNumber: '7', storeId: 'S-1' } });
  const outcome = applyConnectionRules(order({ extras: { storeId: 'from-shop' } }), withExtras);
  t.same(outcome.kind === 'pass' && outcome.order.extras, { employeeNumber: '7', storeId: 'from-shop' });
});

t.test('the input order is left untouched', async (t) => {
  const input = order({ extras: { a: '1' } });
  applyConnectionRules(
    input,
    rules({ valueMaps: { paymentMethodCode: { BANK_TRANSFER: 'X' } }, extras: { b: '2' } }),
  );
  t.equal(input.paymentMethodCode, 'BANK_TRANSFER');
  t.same(input.extras, { a: '1' });
});

t.test('the rules schema fills defaults and rejects wrong shapes', async (t) => {
  t.same(connectionRulesSchema.parse({}), { statusFilter: {}, valueMaps: {}, extras: {}, fieldRules: [] });
  t.notOk(connectionRulesSchema.safeParse({ extras: { n: 1 } }).success, 'extras are strings');
  t.notOk(
    connectionRulesSchema.safeParse({ statusFilter: { allowedPaymentStatuses: 'PAID' } }).success,
    'a status list is a list',
  );
});
