import { randomBytes, randomUUID } from 'node:crypto';
import { buildAdminApp } from '@koppel/admin';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createEmbeddedBus } from '@koppel/kafka';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { startPipeline } from '../../src/compose-pipeline.js';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { asperionTarget, registerShoprenterWebhooks, shoprenterSource } from '../support/pipeline-harness.js';

// One order through the whole pipeline (ingest, mapping, customer registry, delivery, the
// Asperion connector) on the embedded bus over a real Postgres, every service logging at debug
// into `lines`; then the admin API searched by the customer's e-mail. No line and no metrics
// label may hold the customer's e-mail or name.
const EMAIL = 'Zofia.Wisniewska-Kowalczyk@example.org';
const FIRST = 'Zofia';
const LAST = 'Wisniewska-Kowalczyk';
const lines: string[] = [];
const capture = { write: (line: string) => void lines.push(line) };

const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const bus = createEmbeddedBus(database.db, { pollIntervalMs: 50 });
const cipher = createCredentialCipher(randomBytes(32));
const metrics = createMetricsRegistry('pii-test');
const pipeline = await startPipeline({
  bus,
  db: database.db,
  cipher,
  metrics,
  topicPrefix: 'pii.',
  readiness: {},
  logLevel: 'debug',
  logStream: capture,
  deliveryRetry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
});
const ingestUrl = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
const asperionUrl = await asperion.app.listen({ port: 0, host: '127.0.0.1' });
const shoprenter = buildShoprenterSimulator({ rateLimit: false });
const shoprenterUrl = await shoprenter.app.listen({ port: 0, host: '127.0.0.1' });
const admin = await buildAdminApp({
  database,
  cipher,
  apiKeys: ['pii-test-admin-key-0123456789abcdef0123'],
  publicWebhookBaseUrl: ingestUrl,
  registry: metrics.registry,
  logLevel: 'debug',
  logStream: capture,
});
t.teardown(async () => {
  await pipeline.stop();
  await admin.close();
  await bus.close();
  await shoprenter.app.close();
  await asperion.app.close();
  await database.close();
  await isolated.drop();
});

t.test("the customer's e-mail and name appear in no log line and no metrics label", async (t) => {
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const secret = randomBytes(24).toString('base64url');
  await pipeline.connections.create({
    id: connectionId,
    tenantId: 'tenant-pii',
    name: 'PII shop',
    rules: {},
    ...shoprenterSource(shoprenterUrl),
    ...asperionTarget(asperion, asperionUrl),
    webhookSecretHash: hashWebhookSecret(secret),
    ipAllowlist: [],
    active: true,
  });
  await registerShoprenterWebhooks(shoprenter, `${ingestUrl}/webhooks/shoprenter/${connectionId}/${secret}`);
  const created = await shoprenter.createOrder(demoOrder({ email: EMAIL, firstname: FIRST, lastname: LAST }));
  t.equal(created.deliveries[0]?.statusCode, 202, 'ingest accepted the webhook');
  const journey = createJourneyRepository(database.db);
  await eventually(
    'the delivered order',
    async () => {
      const stages = await journey.list(connectionId, created.innerId);
      return stages.some((s) => s.stage === 'delivered') ? stages : undefined;
    },
    30_000,
    50,
  );

  // An address without a dot in its domain fails validation: the mapping stage dead-letters the
  // order and logs why, and the reason quotes the address.
  // The simulator refuses such an address, so its webhook for the first order is re-sent as
  // another order (id 9001) with the address changed.
  const delivery = await shoprenter.app.inject({
    url: `/_control/webhook-deliveries?orderInnerId=${created.innerId}&event=order_confirm`,
  });
  const sent = JSON.parse(
    delivery.json<{ deliveries: { body: string }[] }>().deliveries[0]?.body ?? '{}',
  ) as {
    orders: { order: Record<string, unknown>[] };
  };
  const order = sent.orders.order[0] ?? {};
  const refused = { innerId: '9001' };
  sent.orders.order = [{ ...order, innerId: refused.innerId, email: `${FIRST}.${LAST}@localhost` }];
  const resent = await fetch(`${ingestUrl}/webhooks/shoprenter/${connectionId}/${secret}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sent),
  });
  t.equal(resent.status, 202, 'ingest accepted the second order');
  await eventually(
    'the dead-lettered order',
    async () => {
      const stages = await journey.list(connectionId, refused.innerId);
      return stages.some((s) => s.stage === 'dead_lettered') ? stages : undefined;
    },
    30_000,
    50,
  );

  const headers = { authorization: 'Bearer pii-test-admin-key-0123456789abcdef0123' };
  const search = await admin.inject({
    url: `/admin/v1/connections/${connectionId}/orders?q=${encodeURIComponent(EMAIL.toLowerCase())}`,
    headers,
  });
  t.equal(search.statusCode, 200);
  t.equal(search.json<{ items: unknown[] }>().items.length, 1, 'the search by e-mail finds the order');
  const erased = await admin.inject({
    method: 'POST',
    url: '/admin/v1/tenants/tenant-pii/erasure',
    headers,
    payload: { email: EMAIL },
  });
  t.equal(erased.statusCode, 200);

  t.ok(lines.length > 5, `the services logged (${lines.length} lines at debug)`);
  t.match(
    lines.find((line) => line.includes('dead-lettered')),
    /\[REDACTED\]/,
    'the dead letter was logged with the address it quotes masked',
  );
  t.ok(
    lines.some((line) => line.includes('[REDACTED]')),
    'the search URL was logged with its value masked',
  );
  const leaks = (text: string) =>
    [EMAIL.toLowerCase(), FIRST.toLowerCase(), LAST.toLowerCase(), 'kerkstraat'].filter((needle) =>
      text.toLowerCase().includes(needle),
    );
  t.same(
    lines.filter((line) => leaks(line).length > 0),
    [],
    'no log line holds the e-mail, the name or the address',
  );
  t.same(leaks(await metrics.registry.metrics()), [], 'no metrics label holds them');
});
