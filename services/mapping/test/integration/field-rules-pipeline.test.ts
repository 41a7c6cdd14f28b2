/**
 * Field rules in the running mapping stage, on the real broker and a Postgres database of its
 * own: a raw Shoprenter order comes out on orders.mapped with the connection's field rules
 * applied, and an order a rule makes invalid is dead-lettered naming the rule.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { type MappedOrderEvent, MappedOrderEventSchema, topicName, topics } from '@koppel/contracts';
import {
  createConnectionRepository,
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus } from '@koppel/kafka';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import Fastify from 'fastify';
import t from 'tap';
import { startMapping } from '../../src/index.js';
import { rawOrderMessage, shoprenterOrder } from '../support/shoprenter-order.js';

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const prefix = `mr${uniqueRunId()}.`;
const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-mapping-rules-test' });
await bus.ensureTopics([topics.ordersRaw, topics.ordersMapped, topics.deadLetter], prefix);
const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));
const journey = createJourneyRepository(database.db);
t.teardown(async () => {
  await bus.close();
  await database.close();
  await isolated.drop();
});

const connectionId = `c-${randomUUID().slice(0, 8)}`;
await connections.create({
  id: connectionId,
  tenantId: 'tenant-map',
  name: 'Shop with field rules',
  sourceSystem: 'shoprenter',
  targetSystem: 'asperion',
  webhookSecretHash: hashWebhookSecret('secret'),
  ipAllowlist: [],
  rules: {
    valueMaps: { shippingMethodName: { PostNL: 'POST' } },
    fieldRules: [
      { target: 'orderNumber', expression: '"WEB-" & externalId' },
      { target: 'lines[*].sku', expression: 'sku ? $uppercase(sku) & "-NL" : sku' },
      { target: 'comment', expression: '"Verzending " & shippingMethodName' },
      // Makes order 9002 (and only it) invalid: its e-mail becomes no address.
      { target: 'customer.email', expression: 'externalId = "9002" ? "nobody" : customer.email' },
    ],
  },
  settings: {},
  credentials: {},
  active: true,
});

const mapped: MappedOrderEvent[] = [];
const collector = await bus.subscribe({
  groupId: `${prefix}collector`,
  topic: topicName(topics.ordersMapped, prefix),
  fromBeginning: true,
  handler: async (message) => {
    mapped.push(fromBinary(MappedOrderEventSchema, message.value));
  },
});
const mapping = await startMapping({
  bus,
  connections,
  journey,
  metrics: createMetricsRegistry('mapping-rules-test'),
  topicPrefix: prefix,
  log: Fastify({ logger: false }).log,
});
t.teardown(async () => {
  await mapping.stop();
  await collector.stop();
});

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  // Generous: joining two consumer groups on a loaded 2-core machine can take tens of seconds.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

t.test('field rules shape the published order; a rule that breaks one is dead-lettered', async (t) => {
  for (const id of ['9001', '9002']) {
    const raw = rawOrderMessage(connectionId, id, shoprenterOrder(id), { tenantId: 'tenant-map' });
    await bus.publish(topicName(topics.ordersRaw, prefix), [{ key: raw.key, value: raw.value }]);
  }
  const event = await eventually(
    async () => mapped.find((e) => e.order?.externalId === '9001'),
    'order 9001 on orders.mapped',
  );
  t.match(event.order, {
    externalId: '9001',
    orderNumber: 'WEB-9001',
    shippingMethodName: 'POST',
    comment: 'Verzending POST',
    customer: { email: 'anna@example.nl' },
  });
  t.same(
    event.order?.lines.map((line) => line.sku),
    ['MUG-01-NL', ''],
    'per line, after the value maps',
  );

  const dead = await eventually(async () => {
    const entries = await journey.list(connectionId, '9002');
    return entries.find((entry) => entry.stage === 'dead_lettered');
  }, 'order 9002 dead-lettered');
  t.match(dead.detail, {
    stage: 'mapping',
    code: 'INVALID_MAPPING_RULE',
    field: 'rules.fieldRules[3].expression',
    reason:
      /field rule 3 \(customer.email\): the order is no longer valid: customer.email "nobody" is not an e-mail/,
    details: { ruleIndex: 3, target: 'customer.email', orderField: 'customer.email' },
  });
  t.notOk(
    mapped.some((e) => e.order?.externalId === '9002'),
    'the invalid order is not published',
  );
});
