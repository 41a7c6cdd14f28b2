import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  CanonicalOrderSchema,
  DebtorKind,
  DeliveryRequestSchema,
  orderKey,
  ResolvedOrderEventSchema,
} from '@koppel/contracts';
import { hashWebhookSecret } from '@koppel/db';
import { AppError } from '@koppel/errors';
import type { IncomingMessage } from '@koppel/kafka';
import { openEmbeddedStage } from '@koppel/service-kit/testing';
import t from 'tap';
import { createResolvedOrderHandler } from '../../src/consumers/resolved-order-handler.js';

const PREFIX = 'delivery-test.';
const stage = await openEmbeddedStage(t.testdir());
t.teardown(() => stage.close());
const { database, bus, connections, journey } = stage;
const handle = createResolvedOrderHandler({ bus, connections, journey, topicPrefix: PREFIX });

async function createConnection(targetSystem: string): Promise<string> {
  const id = `c-${randomUUID().slice(0, 8)}`;
  await connections.create({
    id,
    tenantId: 'tenant-d',
    name: 'Shop',
    sourceSystem: 'shoprenter',
    targetSystem,
    webhookSecretHash: hashWebhookSecret('secret'),
    ipAllowlist: [],
    rules: {},
    settings: {},
    credentials: { clientId: 'x' },
    active: true,
  });
  return id;
}

function resolvedMessage(connectionId: string, externalId: string): IncomingMessage {
  const event = create(ResolvedOrderEventSchema, {
    eventId: `resolved-${externalId}`,
    mappedEventId: `mapped-${externalId}`,
    order: create(CanonicalOrderSchema, { connectionId, tenantId: 'tenant-d', externalId }),
    customer: { customerId: 'cust-1', normalizedEmail: 'anna@example.nl', kind: DebtorKind.PERSON },
  });
  return {
    topic: 'orders.resolved',
    partition: 0,
    offset: '1',
    key: orderKey(connectionId, externalId),
    value: toBinary(ResolvedOrderEventSchema, event),
    headers: {},
  };
}

async function records() {
  return database.db.selectFrom('bus_records').select(['topic', 'key', 'value']).orderBy('offset').execute();
}

t.test("a resolved order is routed to its connection's target topic", async (t) => {
  const connectionId = await createConnection('asperion');
  await handle(resolvedMessage(connectionId, '1001'));

  const all = await records();
  t.equal(all.length, 1);
  const record = all[0];
  t.equal(record?.topic, `${PREFIX}deliveries.asperion`, 'deliveries.<target>, under the prefix');
  t.equal(record?.key, `${connectionId}:1001`, 'keyed by connection and order');
  const request = fromBinary(DeliveryRequestSchema, new Uint8Array(record?.value ?? []));
  t.equal(request.targetSystem, 'asperion');
  t.ok(request.deliveryId, 'a delivery id');
  t.ok(request.requestedAt, 'a request time');
  t.match(request.resolved, {
    eventId: 'resolved-1001',
    order: { connectionId, externalId: '1001' },
    customer: { customerId: 'cust-1' },
  });
  t.match(await journey.list(connectionId, '1001'), [
    { stage: 'routed', detail: { targetSystem: 'asperion', deliveryId: request.deliveryId } },
  ]);
});

t.test('an unknown target system is a permanent error for the dead-letter topic', async (t) => {
  const connectionId = await createConnection('exact-online');
  const before = (await records()).length;
  const error = await handle(resolvedMessage(connectionId, '2001')).catch((e: unknown) => e);
  t.ok(error instanceof AppError);
  t.match(error, {
    code: 'VALIDATION_FAILED',
    retryable: false,
    field: 'connection.targetSystem',
    message: /exact-online/,
  });
  t.equal((await records()).length, before, 'nothing was produced');
  t.same(await journey.list(connectionId, '2001'), []);
});

t.test('a vanished connection or an undecodable record is a permanent error', async (t) => {
  t.match(await handle(resolvedMessage('no-such-connection', '3001')).catch((e: unknown) => e), {
    code: 'NOT_FOUND',
    retryable: false,
    field: 'connectionId',
  });
  const garbage = { ...resolvedMessage('x', '3002'), value: new Uint8Array([0xff, 0xff]) };
  t.match(await handle(garbage).catch((e: unknown) => e), { code: 'DECODE_FAILED', retryable: false });
  const noOrder = {
    ...resolvedMessage('x', '3003'),
    value: toBinary(ResolvedOrderEventSchema, create(ResolvedOrderEventSchema, { eventId: 'e' })),
  };
  t.match(await handle(noOrder).catch((e: unknown) => e), { code: 'DECODE_FAILED', field: 'order' });
});
