import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { MappedOrderEventSchema, OrderStatus, PaymentStatus, topicName, topics } from '@koppel/contracts';
import { hashWebhookSecret } from '@koppel/db';
import { AppError } from '@koppel/errors';
import { createMetricsRegistry } from '@koppel/telemetry';
import { openEmbeddedStage } from '@koppel/service-kit/testing';
import t from 'tap';
import { createRawOrderHandler } from '../../src/consumers/raw-order-handler.js';
import { bytesMessage, rawOrderMessage, shoprenterOrder } from '../support/shoprenter-order.js';

const PREFIX = 'mapping-test.';
const stage = await openEmbeddedStage(t.testdir());
t.teardown(() => stage.close());
const { database, bus, connections, journey } = stage;
const metrics = createMetricsRegistry('mapping-test');
const handle = createRawOrderHandler({ bus, connections, journey, metrics, topicPrefix: PREFIX });

async function createConnection(rules: Record<string, unknown>): Promise<string> {
  const id = `c-${randomUUID().slice(0, 8)}`;
  await connections.create({
    id,
    tenantId: 'tenant-map',
    name: 'Shop',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret('secret'),
    ipAllowlist: [],
    rules,
    settings: {},
    credentials: { clientId: 'x' },
    active: true,
  });
  return id;
}

async function mappedRecords(connectionId: string) {
  const rows = await database.db
    .selectFrom('bus_records')
    .select(['key', 'value'])
    .where('topic', '=', topicName(topics.ordersMapped, PREFIX))
    .where('key', 'like', `${connectionId}:%`)
    .orderBy('offset')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    event: fromBinary(MappedOrderEventSchema, new Uint8Array(r.value)),
  }));
}

async function ordersCounted(result: string): Promise<number> {
  const metric = await metrics.ordersTotal.get();
  return metric.values.find((v) => v.labels.result === result)?.value ?? 0;
}

/** Runs the handler expecting a permanent AppError and returns it. */
async function rejection(promise: Promise<void>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

t.test('an order that passes the rules is published mapped, with value maps and extras', async (t) => {
  const connectionId = await createConnection({
    statusFilter: { allowedPaymentStatuses: ['PAID'] },
    valueMaps: { paymentMethodCode: { BANK_TRANSFER: 'IDEAL' } },
    extras: { costCenter: '100' },
  });
  const mappedBefore = await ordersCounted('mapped');
  await handle(rawOrderMessage(connectionId, '1001', shoprenterOrder('1001')));

  const records = await mappedRecords(connectionId);
  t.equal(records.length, 1);
  t.equal(records[0]?.key, `${connectionId}:1001`);
  const event = records[0]?.event;
  t.equal(event?.rawEventId, 'evt-1001', 'links back to the raw event');
  t.match(event?.order, {
    connectionId,
    tenantId: 'tenant-map',
    externalId: '1001',
    status: OrderStatus.PROCESSING,
    paymentStatus: PaymentStatus.PAID,
    paymentMethodCode: 'IDEAL',
    extras: { costCenter: '100' },
  });
  t.same(
    (await journey.list(connectionId, '1001')).map((e) => e.stage),
    ['mapped'],
  );
  t.equal(await ordersCounted('mapped'), mappedBefore + 1);
});

t.test(
  'control characters in names and addresses are removed before anything is stored or sent',
  async (t) => {
    const connectionId = await createConnection({});
    const order = shoprenterOrder('1002', {
      firstname: 'An\u0000na',
      lastname: 'de \ud800Vries',
      paymentAddress1: 'Kerk\u0007straat 12a',
    });
    await handle(rawOrderMessage(connectionId, '1002', order));
    const event = (await mappedRecords(connectionId))[0]?.event;
    t.match(event?.order?.customer, { firstName: 'Anna', lastName: 'de \uFFFDVries' });
    t.match(event?.order?.billingAddress, { street: 'Kerkstraat' });
  },
);

t.test('a filtered order is journaled as skipped with its reason and nothing is produced', async (t) => {
  const connectionId = await createConnection({ statusFilter: { allowedPaymentStatuses: ['PAID'] } });
  const skippedBefore = await ordersCounted('skipped');
  const pending = shoprenterOrder('2001', {
    orderHistory: { status: '1', statusText: 'Pending', comment: '', dateAdded: '2025-03-01 10:15:00' },
  });
  await handle(rawOrderMessage(connectionId, '2001', pending));

  t.same(await mappedRecords(connectionId), [], 'nothing on orders.mapped');
  const entries = await journey.list(connectionId, '2001');
  t.same(
    entries.map((e) => e.stage),
    ['skipped'],
  );
  t.same(entries[0]?.detail, {
    reason: 'payment status UNPAID is not in the allowed payment statuses PAID',
  });
  t.equal(await ordersCounted('skipped'), skippedBefore + 1);
});

t.test('undecodable records raise a permanent DECODE_FAILED error with the reason', async (t) => {
  const connectionId = await createConnection({});

  const garbage = await rejection(
    handle(bytesMessage(`${connectionId}:1`, new Uint8Array([0xff, 0xff, 0xff]))),
  );
  t.match(garbage, { code: 'DECODE_FAILED', retryable: false, field: 'value' });
  t.match(garbage.message, /not a RawOrderEvent/);

  const badPrice = shoprenterOrder('3001', {
    orderProducts: {
      orderProduct: [
        { innerId: '1', name: 'Mug', sku: 'MUG-01', price: 'ten euros', taxRate: '21', quantity: '1' },
      ],
    },
  });
  const decode = await rejection(handle(rawOrderMessage(connectionId, '3001', badPrice)));
  t.match(decode, { code: 'DECODE_FAILED', retryable: false, field: /price/ }, 'names the field at fault');
  t.ok(decode.message.length > 0, 'and says why');

  const unknownSource = await rejection(
    handle(rawOrderMessage(connectionId, '3002', shoprenterOrder('3002'), { sourceSystem: 'woocommerce' })),
  );
  t.match(unknownSource, { code: 'DECODE_FAILED', retryable: false, field: 'sourceSystem' });
  t.match(unknownSource.message, /woocommerce/);

  t.same(await mappedRecords(connectionId), [], 'nothing was produced');
  t.same(await journey.list(connectionId, '3001'), [], 'the runner, not the handler, journals dead letters');
});

t.test('a vanished connection or invalid rules are permanent errors naming the field', async (t) => {
  const gone = await rejection(
    handle(rawOrderMessage('no-such-connection', '4001', shoprenterOrder('4001'))),
  );
  t.match(gone, { code: 'NOT_FOUND', retryable: false, field: 'connectionId' });

  const connectionId = await createConnection({ statusFilter: { allowedPaymentStatuses: 'PAID' } });
  const invalid = await rejection(handle(rawOrderMessage(connectionId, '4002', shoprenterOrder('4002'))));
  t.match(invalid, {
    code: 'VALIDATION_FAILED',
    retryable: false,
    field: 'rules.statusFilter.allowedPaymentStatuses',
  });
  t.same(await mappedRecords(connectionId), []);
});
