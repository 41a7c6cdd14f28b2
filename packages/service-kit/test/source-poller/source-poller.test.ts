/**
 * The source poller on real Kafka and Postgres against the Shoprenter simulator: orders whose
 * webhook was lost are polled onto orders.raw once, the cursor moves only after them, failures
 * back off without moving it, and two pollers never poll one connection at the same time.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromBinary } from '@bufbuild/protobuf';
import type { AnySourceConnector } from '@koppel/connector-sdk';
import { shoprenterConnector } from '@koppel/connector-shoprenter';
import { IngestChannel, RawOrderEventSchema, topicName, topics } from '@koppel/contracts';
import {
  createConnectionRepository,
  createCredentialCipher,
  createInboxRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus } from '@koppel/kafka';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import t from 'tap';
import { POLLER_JOURNEY_ORDER_ID, type SourcePoller, startSourcePoller } from '../../src/index.js';

const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const topicPrefix = `poll${uniqueRunId()}.`;
const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-poller-test' });
await bus.ensureTopics(Object.values(topics), topicPrefix);
const cipher = createCredentialCipher(randomBytes(32));
const connections = createConnectionRepository(database.db, cipher);
const schedules = createPollScheduleRepository(database.db);
const inbox = createInboxRepository(database.db);
const journey = createJourneyRepository(database.db);

const sim = buildShoprenterSimulator({ shopName: 'demo', rateLimit: false });
const simUrl = (await sim.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');

const raw: { key: string; eventKey: string; channel: IngestChannel; externalOrderId: string }[] = [];
const subscription = await bus.subscribe({
  groupId: `${topicPrefix}reader`,
  topic: topicName(topics.ordersRaw, topicPrefix),
  fromBeginning: true,
  handler: async (message) => {
    const event = fromBinary(RawOrderEventSchema, message.value);
    raw.push({
      key: message.key,
      eventKey: event.eventKey,
      channel: event.channel,
      externalOrderId: event.externalOrderId,
    });
  },
});

const pollers: SourcePoller[] = [];
t.teardown(async () => {
  for (const poller of pollers) await poller.stop();
  await subscription.stop();
  await bus.close();
  await sim.app.close();
  await database.close();
  await isolated.drop();
});

const silent = { info() {}, warn() {} };

function newPoller(connector: AnySourceConnector = shoprenterConnector, instanceId = 'test-a'): SourcePoller {
  const poller = startSourcePoller(connector, {
    connections,
    schedules,
    intake: { bus, inbox, journey, topicPrefix },
    metrics: createMetricsRegistry(`poller-test-${instanceId}`),
    log: silent,
    instanceId,
    // The loop stays idle: the test drives ticks itself.
    tickMs: 3_600_000,
    leaseMs: 3000,
    backoff: { baseSeconds: 30, maxSeconds: 600 },
  });
  pollers.push(poller);
  return poller;
}

async function createConnection(id: string) {
  await connections.create({
    id,
    tenantId: 'tenant-poll',
    name: 'Polled shop',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret('secret'),
    ipAllowlist: [],
    rules: {},
    settings: {},
    sourceSettings: {
      shopName: 'demo',
      apiBaseUrl: simUrl,
      oauthBaseUrl: simUrl,
      polling: { enabled: true, intervalSeconds: 60 },
    },
    credentials: {},
    sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
    active: true,
  });
}

const orderInput = (email: string) => ({
  customer: { firstname: 'Anna', lastname: 'Kovacs', email },
  billingAddress: { address1: 'Fo utca 1', city: 'Szeged', postcode: '6720' },
  lines: [{ sku: 'MUG-01', name: 'Mug', netPrice: '4500', taxRate: '27', quantity: 2 }],
  shipping: { name: 'Home delivery', netPrice: '1000', taxRate: '27' },
});

async function waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// A webhook the shop would send to Koppel; every delivery of it is dropped by the simulator.
const hook = await sim.app.inject({
  method: 'POST',
  url: '/api/webHooks',
  headers: {
    authorization: `Bearer ${sim.issueToken()}`,
    accept: 'application/json',
    'content-type': 'application/json',
  },
  payload: {
    label: 'koppel',
    event: 'order_confirm',
    status: '1',
    webHookParameters: [{ type: 'json', url: 'http://127.0.0.1:9/never' }],
  },
});
if (hook.statusCode >= 300) throw new Error(`webhook registration failed: ${hook.body}`);

t.test('orders whose webhook was dropped are polled onto orders.raw once', async (t) => {
  await createConnection('c-poll');
  const poller = newPoller();
  await poller.tick();
  const first = await schedules.find('c-poll');
  t.ok(first, 'the schedule row exists after the first tick');

  sim.dropNextWebhooks({ count: 2 });
  const a = await sim.createOrder(orderInput('a@example.hu'));
  const b = await sim.createOrder(orderInput('b@example.hu'));
  t.same(
    [...a.deliveries, ...b.deliveries].map((d) => d.status),
    ['dropped', 'dropped'],
    'the simulator lost both webhooks',
  );

  await schedules.pollNow('c-poll');
  await poller.tick();
  await waitFor('two records', () => raw.filter((r) => r.key.startsWith('c-poll')).length >= 2);
  const mine = raw.filter((r) => r.key.startsWith('c-poll'));
  t.same(mine.map((r) => r.externalOrderId).sort(), [a.innerId, b.innerId].sort());
  t.same(
    mine.map((r) => r.eventKey).sort(),
    [`order:${a.innerId}:status:1`, `order:${b.innerId}:status:1`].sort(),
  );
  t.ok(mine.every((r) => r.channel === IngestChannel.POLL));
  const afterFirst = await schedules.find('c-poll');
  t.match(afterFirst?.cursor, new RegExp(`after=${b.innerId}`), 'the cursor moved to the last order');
  t.equal(afterFirst?.consecutiveFailures, 0);
  const received = await journey.list('c-poll', a.innerId);
  t.equal(received[0]?.stage, 'received');
  t.equal(received[0]?.detail.channel, 'poll');

  // Polling again from the old cursor (as after a crash before advance) admits nothing new.
  await schedules.reset('c-poll', first?.cursor ?? '');
  await poller.tick();
  await sleep(1500);
  t.equal(raw.filter((r) => r.key.startsWith('c-poll')).length, 2, 'no second record per order');
  t.equal(await inbox.count('c-poll'), 2);
  t.equal((await journey.list('c-poll', a.innerId)).at(-1)?.stage, 'duplicate_ignored');
});

t.test('a 503 or 429 backs off and leaves the cursor where it was', async (t) => {
  const poller = newPoller();
  for (const status of [503, 429]) {
    const before = await schedules.find('c-poll');
    await sim.createOrder(orderInput(`fail-${status}@example.hu`));
    sim.kit.faults.configure({ failNext: { count: 1, status, pathPrefix: '/api/orders' } });
    await schedules.pollNow('c-poll');
    const startedAt = Date.now();
    await poller.tick();
    const after = await schedules.find('c-poll');
    t.equal(after?.cursor, before?.cursor, `${status}: cursor unchanged`);
    t.equal(after?.consecutiveFailures, 1, `${status}: failure counted`);
    t.ok((after?.nextPollAt.getTime() ?? 0) >= startedAt + 25_000, `${status}: next poll backed off`);
    t.match(after?.lastError, status === 429 ? /SOURCE_RATE_LIMITED/ : /SOURCE_UNAVAILABLE/);
    const entries = await journey.list('c-poll', POLLER_JOURNEY_ORDER_ID);
    t.match(entries.at(-1), { stage: 'failed', detail: { kind: 'poll_failed', retryable: true } });
    // The next poll succeeds and takes the order.
    await schedules.pollNow('c-poll');
    await poller.tick();
    t.equal((await schedules.find('c-poll'))?.consecutiveFailures, 0, `${status}: recovered`);
  }
});

t.test('two pollers never poll the same connection at the same time', async (t) => {
  let active = 0;
  let maxActive = 0;
  let polls = 0;
  const inner = shoprenterConnector.poller;
  if (!inner) throw new Error('shoprenter polls');
  const slow: AnySourceConnector = {
    ...shoprenterConnector,
    poller: {
      ...inner,
      async poll(session, cursor) {
        active += 1;
        polls += 1;
        maxActive = Math.max(maxActive, active);
        try {
          await sleep(300);
          return await inner.poll(session as never, cursor);
        } finally {
          active -= 1;
        }
      },
    },
  } as AnySourceConnector;
  const one = newPoller(slow, 'replica-1');
  const two = newPoller(slow, 'replica-2');
  for (let round = 0; round < 3; round += 1) {
    await schedules.pollNow('c-poll');
    await Promise.all([one.tick(), two.tick()]);
  }
  t.equal(maxActive, 1, 'never two polls of the connection at once');
  t.equal(polls, 3, 'one poll per round');
});

t.test(
  'a stop ends a poll under way at its next request: lease freed, cursor kept, no failure',
  async (t) => {
    await createConnection('c-stop');
    const first = newPoller();
    await first.tick();
    const before = await schedules.find('c-stop');
    // Twelve orders cost 25 calls at the client's 3 calls/s: a poll of several seconds.
    const placed: string[] = [];
    for (let i = 0; i < 12; i += 1)
      placed.push((await sim.createOrder(orderInput(`stop-${i}@example.hu`))).innerId);
    const inner = shoprenterConnector.poller;
    if (!inner) throw new Error('shoprenter polls');
    let ended: 'resolved' | 'rejected' | undefined;
    let started = false;
    const watched = {
      ...shoprenterConnector,
      poller: {
        ...inner,
        async poll(session: unknown, cursor: string) {
          started = true;
          try {
            const result = await inner.poll(session as never, cursor);
            ended = 'resolved';
            return result;
          } catch (error) {
            ended = 'rejected';
            throw error;
          }
        },
      },
    } as AnySourceConnector;
    const stopping = newPoller(watched, 'stopping-replica');
    await schedules.pollNow('c-stop');
    const tick = stopping.tick();
    await waitFor('the poll to start', () => started);
    await sleep(1000);
    await stopping.stop();
    await tick;
    t.equal(ended, 'rejected', 'the poll was cut short, not waited out');
    const after = await schedules.find('c-stop');
    t.equal(after?.leaseOwner, null, 'the lease is freed');
    t.equal(after?.cursor, before?.cursor, 'the cursor did not move');
    t.equal(after?.consecutiveFailures, 0, 'a stop is not a failure');
    t.ok((after?.nextPollAt.getTime() ?? Number.POSITIVE_INFINITY) <= Date.now(), 'still due: no backoff');
    t.same(await journey.list('c-stop', POLLER_JOURNEY_ORDER_ID), [], 'nothing journaled as failed');
    t.equal(raw.filter((r) => r.key.startsWith('c-stop')).length, 0, 'nothing admitted from the cut poll');

    // The next start polls the same orders, each onto orders.raw once.
    const next = newPoller(shoprenterConnector, 'next-start');
    await next.tick();
    await waitFor('twelve records', () => raw.filter((r) => r.key.startsWith('c-stop')).length >= 12);
    t.same(
      raw
        .filter((r) => r.key.startsWith('c-stop'))
        .map((r) => r.externalOrderId)
        .sort(),
      [...placed].sort(),
    );
  },
);
