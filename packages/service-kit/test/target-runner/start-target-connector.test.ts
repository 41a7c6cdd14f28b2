/**
 * startTargetConnector on the real broker and a Postgres database of its own: one delivery
 * request on `deliveries.asperion` becomes an invoice in the Asperion simulator, an order
 * Asperion can never accept is dead-lettered without a debtor, and a booking whose
 * `orders.booked` announcement failed to publish is announced by the retry.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { asperionConnector } from '@koppel/connector-asperion';
import { fromBinary } from '@bufbuild/protobuf';
import {
  CanonicalOrderSchema,
  CustomerRefSchema,
  DebtorKind,
  DeliveryRequestSchema,
  deliveryTopicFor,
  OrderBookedEventSchema,
  orderKey,
  topicName,
  topics,
  VatRounding,
} from '@koppel/contracts';
import {
  createConnectionRepository,
  createCredentialCipher,
  createDeliveryLedgerRepository,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus, type IncomingMessage, type MessageBus } from '@koppel/kafka';
import { buildProductLine, buildShippingLine, computeTotals } from '@koppel/order-model';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import Fastify from 'fastify';
import t from 'tap';
import { startTargetConnector } from '../../src/index.js';

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const prefix = `tr${uniqueRunId()}.`;
const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-target-runner-test' });
await bus.ensureTopics([topics.deadLetter], prefix);
// The connector's bus: the real one, except that a test can make the next publishes to
// `orders.booked` fail as they do while the broker is away.
const bookedTopic = topicName(topics.ordersBooked, prefix);
let failingBookedPublishes = 0;
const connectorBus: MessageBus = {
  ...bus,
  async publish(topic, messages) {
    if (topic === bookedTopic && failingBookedPublishes > 0) {
      failingBookedPublishes -= 1;
      throw new Error('KafkaJSConnectionError: Connection error: connect ECONNREFUSED');
    }
    await bus.publish(topic, messages);
  },
};
await bus.ensureTopics([topics.ordersBooked], prefix);
const announced: IncomingMessage[] = [];
const bookedWatch = await bus.subscribe({
  groupId: `${prefix}booked-watch`,
  topic: bookedTopic,
  handler: async (message) => {
    announced.push(message);
  },
});
const connections = createConnectionRepository(database.db, createCredentialCipher(randomBytes(32)));
const journey = createJourneyRepository(database.db);
const ledger = createDeliveryLedgerRepository(database.db);
const sim = buildAsperionSimulator({ rateLimit: false });
const simUrl = await sim.app.listen({ port: 0, host: '127.0.0.1' });
const metrics = createMetricsRegistry('target-runner-test');
t.teardown(async () => {
  await bookedWatch.stop();
  await bus.close();
  await sim.app.close();
  await database.close();
  await isolated.drop();
});

const connectionId = `c-${randomUUID().slice(0, 8)}`;
const initialRefreshToken = sim.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID);
await connections.create({
  id: connectionId,
  tenantId: 'tenant-tr',
  name: 'Target runner test',
  sourceSystem: 'shoprenter',
  targetSystem: 'asperion',
  webhookSecretHash: 'unused',
  ipAllowlist: [],
  rules: {},
  settings: {
    apiBaseUrl: simUrl,
    identityBaseUrl: simUrl,
    tenantId: 12345,
    revenueAccounts: [
      { vatRateBp: 2100, ledgerAccountId: 8000 },
      { vatRateBp: 900, ledgerAccountId: 8020 },
    ],
    vatCodes: [
      { vatRateBp: 2100, vatCode: 'H' },
      { vatRateBp: 900, vatCode: 'L' },
    ],
    shippingLedgerAccountId: 8010,
    rateLimit: { requestsPerSecond: 100, burst: 50 },
  },
  credentials: {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    refreshToken: initialRefreshToken,
  },
  active: true,
});

const subscription = await startTargetConnector(asperionConnector, {
  bus: connectorBus,
  journey,
  metrics,
  topicPrefix: prefix,
  log: Fastify({ logger: false }).log,
  db: database.db,
  connections,
  requestTimeoutMs: 5000,
  retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
});
t.teardown(() => subscription.stop());

function deliveryRequest(externalId: string, currency: string) {
  const lines = [
    buildProductLine({ name: 'Mok', sku: 'MUG-1', quantity: 2, unitPriceNet: 1000n, vatRateBp: 2100 }),
    buildProductLine({ name: 'Thee', sku: 'TEA-1', quantity: 1, unitPriceNet: 500n, vatRateBp: 900 }),
    buildShippingLine({ name: 'PostNL', unitPriceNet: 413n, vatRateBp: 2100 }),
  ];
  const order = create(CanonicalOrderSchema, {
    connectionId,
    tenantId: 'tenant-tr',
    sourceSystem: 'shoprenter',
    externalId,
    orderNumber: externalId,
    createdAt: timestampFromDate(new Date('2025-03-01T10:00:00Z')),
    currency,
    customer: { email: `anna-${externalId}@example.nl`, firstName: 'Anna', lastName: 'de Vries' },
    billingAddress: {
      street: 'Kerkstraat',
      houseNumber: '1',
      postcode: '1234AB',
      city: 'Utrecht',
      countryCode: 'NL',
    },
    lines,
    totals: computeTotals(lines, VatRounding.PER_LINE),
    vatRounding: VatRounding.PER_LINE,
  });
  const customer = create(CustomerRefSchema, {
    customerId: randomUUID(),
    normalizedEmail: `anna-${externalId}@example.nl`,
    kind: DebtorKind.PERSON,
    displayName: 'Anna de Vries',
  });
  const request = create(DeliveryRequestSchema, {
    deliveryId: randomUUID(),
    targetSystem: 'asperion',
    resolved: { order, customer },
  });
  return {
    key: orderKey(connectionId, externalId),
    value: toBinary(DeliveryRequestSchema, request),
    headers: {},
  };
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const admin = () => {
  const first = sim.state().administrations[0];
  if (!first) throw new Error('the simulator has no administration');
  return first;
};

t.test('a delivery request on deliveries.asperion becomes an Asperion invoice', async (t) => {
  await bus.publish(topicName(deliveryTopicFor('asperion'), prefix), [deliveryRequest('5001', 'EUR')]);
  await until('the order delivered', async () => (await ledger.countDelivered(connectionId)) === 1);

  const invoice = admin().salesInvoices.find((candidate) => candidate.invoiceNumber === 'WEB-5001');
  t.match(invoice, { amountExclVatCents: 2913, vatAmountCents: 552 });
  const debtor = admin().debtors.find((candidate) => candidate.emailAddress === 'anna-5001@example.nl');
  t.equal(invoice?.debtorCustomerNumber, debtor?.customerNumber, 'booked on the debtor it created');
  t.match(
    (await journey.list(connectionId, '5001')).map((entry) => entry.stage),
    ['debtor_created', 'delivered'],
  );
  const stored = await connections.readCredentials(connectionId, 'target');
  t.not(stored?.refreshToken, initialRefreshToken, 'the rotated refresh token was saved sealed');
  const orders = (await metrics.registry.getSingleMetric('koppel_orders_total')?.get())?.values ?? [];
  t.match(orders, [{ labels: { stage: 'delivery', result: 'delivered', system: 'asperion' }, value: 1 }]);
});

t.test('a HUF order is dead-lettered at once, and Asperion is asked for no debtor', async (t) => {
  const debtorCallsBefore = sim.kit.inspection.list({ pathPrefix: '/v1/debtors' }).length;
  await bus.publish(topicName(deliveryTopicFor('asperion'), prefix), [deliveryRequest('5002', 'HUF')]);
  await until('the order dead-lettered', async () =>
    (await journey.list(connectionId, '5002')).some((entry) => entry.stage === 'dead_lettered'),
  );
  t.match(await journey.list(connectionId, '5002'), [
    {
      stage: 'dead_lettered',
      detail: {
        stage: 'delivery.asperion',
        code: 'CURRENCY_NOT_SUPPORTED',
        field: 'order.currency',
        attempts: 1,
      },
    },
  ]);
  t.equal(sim.kit.inspection.list({ pathPrefix: '/v1/debtors' }).length, debtorCallsBefore, 'no debtor call');
  t.notOk(admin().debtors.some((debtor) => debtor.emailAddress === 'anna-5002@example.nl'));
});

t.test('a booking whose announcement failed to publish is announced by the retry, booked once', async (t) => {
  failingBookedPublishes = 1;
  await bus.publish(topicName(deliveryTopicFor('asperion'), prefix), [deliveryRequest('5003', 'EUR')]);
  const announcementsOf = (externalId: string) =>
    announced
      .map((message) => fromBinary(OrderBookedEventSchema, message.value))
      .filter((event) => event.externalOrderId === externalId);
  await until('the booking announced', async () => announcementsOf('5003').length > 0);

  t.equal(failingBookedPublishes, 0, 'the first announcement failed');
  const invoices = admin().salesInvoices.filter((candidate) => candidate.invoiceNumber === 'WEB-5003');
  t.equal(invoices.length, 1, 'booked once');
  t.match(announcementsOf('5003'), [
    {
      connectionId,
      targetSystem: 'asperion',
      documentNumber: 'WEB-5003',
      documentId: String(invoices[0]?.id),
    },
  ]);
  t.match(
    (await journey.list(connectionId, '5003')).map((entry) => entry.stage),
    ['debtor_created', 'delivered', 'retrying', 'already_in_target'],
    'the retry found the order booked in the ledger and announced it from there',
  );
});

t.test('a booking announced once is not announced by later requests of the order', async (t) => {
  // A status change in the shop sends the order down the pipeline again: its write-back must not
  // set the shop's order back to the status Koppel wrote at booking time.
  await bus.publish(topicName(deliveryTopicFor('asperion'), prefix), [deliveryRequest('5004', 'EUR')]);
  const stagesOf = async () => (await journey.list(connectionId, '5004')).map((entry) => entry.stage);
  await until('the booking', async () => (await stagesOf()).includes('delivered'));
  await bus.publish(topicName(deliveryTopicFor('asperion'), prefix), [deliveryRequest('5004', 'EUR')]);
  await until('the second request handled', async () => (await stagesOf()).includes('already_in_target'));
  // The watcher has seen the first announcement; a second would follow it on the same partition.
  await until('the first announcement seen', async () =>
    announced.some((m) => fromBinary(OrderBookedEventSchema, m.value).externalOrderId === '5004'),
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  t.equal(
    announced.filter((m) => fromBinary(OrderBookedEventSchema, m.value).externalOrderId === '5004').length,
    1,
    'announced once',
  );
  t.equal(admin().salesInvoices.filter((candidate) => candidate.invoiceNumber === 'WEB-5004').length, 1);
});
