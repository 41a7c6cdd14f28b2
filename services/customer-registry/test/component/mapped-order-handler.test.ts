import { create, fromBinary, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import {
  CanonicalOrderSchema,
  DebtorKind,
  MappedOrderEventSchema,
  orderKey,
  ResolvedOrderEventSchema,
  topicName,
  topics,
} from '@koppel/contracts';
import { createCustomerRepository, createJourneyRepository } from '@koppel/db';
import { AppError } from '@koppel/errors';
import type { IncomingMessage } from '@koppel/kafka';
import { openEmbeddedStage } from '@koppel/service-kit/testing';
import t from 'tap';
import { createMappedOrderHandler } from '../../src/consumers/mapped-order-handler.js';

const PREFIX = 'registry-test.';
const stage = await openEmbeddedStage(t.testdir());
t.teardown(() => stage.close());
const { database, bus } = stage;
const customers = createCustomerRepository(database.db);
const journey = createJourneyRepository(database.db);
const handle = createMappedOrderHandler({ bus, customers, journey, topicPrefix: PREFIX });

function mappedMessage(
  externalId: string,
  order: MessageInitShape<typeof CanonicalOrderSchema>,
): IncomingMessage {
  const event = create(MappedOrderEventSchema, {
    eventId: `mapped-${externalId}`,
    rawEventId: `raw-${externalId}`,
    order: create(CanonicalOrderSchema, {
      connectionId: 'conn-1',
      tenantId: 'tenant-1',
      externalId,
      ...order,
    }),
  });
  return {
    topic: 'orders.mapped',
    partition: 0,
    offset: '1',
    key: orderKey('conn-1', externalId),
    value: toBinary(MappedOrderEventSchema, event),
    headers: {},
  };
}

async function resolvedRecords() {
  const rows = await database.db
    .selectFrom('bus_records')
    .select(['key', 'value'])
    .where('topic', '=', topicName(topics.ordersResolved, PREFIX))
    .orderBy('offset')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    event: fromBinary(ResolvedOrderEventSchema, new Uint8Array(r.value)),
  }));
}

t.test('orders of one customer, however the e-mail is written, resolve to one customer record', async (t) => {
  await handle(
    mappedMessage('1001', {
      customer: { email: 'Anna@Example.NL ', firstName: 'Anna', lastName: 'de Vries' },
    }),
  );
  await handle(
    mappedMessage('1002', {
      customer: {
        email: 'anna@example.nl',
        firstName: 'Anna',
        lastName: 'de Vries',
        companyName: 'Bakkerij B.V.',
      },
    }),
  );
  t.equal(await customers.countForTenant('tenant-1'), 1, 'one row per tenant and normalised e-mail');

  const records = await resolvedRecords();
  t.same(
    records.map((r) => r.key),
    ['conn-1:1001', 'conn-1:1002'],
  );
  const [first, second] = records.map((r) => r.event);
  t.ok(first?.customer?.customerId, 'the customer reference is attached');
  t.equal(second?.customer?.customerId, first?.customer?.customerId, 'the same customer both times');
  t.match(first, {
    mappedEventId: 'mapped-1001',
    order: { externalId: '1001' },
    customer: {
      normalizedEmail: 'anna@example.nl',
      kind: DebtorKind.PERSON,
      displayName: 'Anna de Vries',
      contact: { firstName: 'Anna', lastName: 'de Vries', email: 'anna@example.nl' },
    },
  });
  t.match(
    second?.customer,
    { kind: DebtorKind.COMPANY, displayName: 'Bakkerij B.V.' },
    'the latest order decides',
  );

  const row = await database.db.selectFrom('customers').selectAll().executeTakeFirstOrThrow();
  t.match(row, { normalized_email: 'anna@example.nl', kind: 'company', company_name: 'Bakkerij B.V.' });

  t.match(await journey.list('conn-1', '1002'), [
    { stage: 'customer_resolved', detail: { customerId: first?.customer?.customerId, kind: 'company' } },
  ]);
});

t.test('the same e-mail in another tenant is another customer', async (t) => {
  await handle(mappedMessage('2001', { tenantId: 'tenant-2', customer: { email: 'anna@example.nl' } }));
  t.equal(await customers.countForTenant('tenant-2'), 1);
  const ids = new Set((await resolvedRecords()).map((r) => r.event.customer?.customerId));
  t.equal(ids.size, 2);
});

t.test('an order without a usable e-mail is a permanent error and produces nothing', async (t) => {
  const before = (await resolvedRecords()).length;
  const error = await handle(
    mappedMessage('3001', { tenantId: 'tenant-3', customer: { email: 'n/a' } }),
  ).catch((e: unknown) => e);
  t.ok(error instanceof AppError);
  t.match(error, { code: 'VALIDATION_FAILED', retryable: false, field: 'order.customer.email' });
  t.equal(await customers.countForTenant('tenant-3'), 0);
  t.equal((await resolvedRecords()).length, before);
});

t.test('an undecodable record is a permanent DECODE_FAILED', async (t) => {
  const garbage = { ...mappedMessage('4001', {}), value: new Uint8Array([0xff, 0xff]) };
  t.match(await handle(garbage).catch((e: unknown) => e), {
    code: 'DECODE_FAILED',
    retryable: false,
    field: 'value',
  });
  const empty = {
    ...mappedMessage('4002', {}),
    value: toBinary(MappedOrderEventSchema, create(MappedOrderEventSchema)),
  };
  t.match(await handle(empty).catch((e: unknown) => e), { code: 'DECODE_FAILED', field: 'order' });
});

t.test('orders of a new customer handled at once still make one record', async (t) => {
  const spellings = ['piet@shop.nl', 'Piet@Shop.nl', ' PIET@SHOP.NL', 'piet@shop.nl ', 'pIeT@sHoP.nL'];
  await Promise.all(
    spellings.map((email, i) =>
      handle(mappedMessage(`5${i}`, { tenantId: 'tenant-5', customer: { email } })),
    ),
  );
  t.equal(await customers.countForTenant('tenant-5'), 1);
  const ids = new Set(
    (await resolvedRecords())
      .filter((r) => r.key.startsWith('conn-1:5'))
      .map((r) => r.event.customer?.customerId),
  );
  t.equal(ids.size, 1, 'every order carries the same customer id');
});
