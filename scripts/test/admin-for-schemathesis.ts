// The admin API as schemathesis tests it (scripts/test/schemathesis.sh): a fresh Postgres database
// on the server of DATABASE_URL (dropped on exit), migrated, seeded with one tenant, two
// connections of the registry's real systems (Shoprenter → Asperion), one dead-lettered order and a
// tenant API key, then
// `buildAdminApp` listening on a free loopback port. Prints one JSON line
// `{"url", "apiKey", "tenantApiKey", "tenantId", "connectionIds"}` once it answers, and stops on SIGTERM/SIGINT.
//
// Nothing leaves this machine: fetch is limited to loopback addresses, so the connection checks
// and test notices that schemathesis triggers (with whatever URL it generates) fail fast as a
// network error instead of reaching a real host; dead-letter replays publish on the embedded,
// table-backed bus in the same throw-away database, which nothing consumes.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { buildAdminApp } from '@koppel/admin';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
} from '@koppel/db';
import { asperionDemoSettings } from '@koppel/embedded';
import { createEmbeddedBus } from '@koppel/kafka';
import { createNotificationStore, createNotifier, createWebhookChannel } from '@koppel/notifications';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase } from '@koppel/test-infra';
import type { FastifyInstance } from 'fastify';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  process.stderr.write('DATABASE_URL is not set (the Postgres server to make a fresh database on)\n');
  process.exit(2);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** A closed loopback port: every system URL of the seeded connections refuses at once. */
const NOWHERE = 'http://127.0.0.1:9';
const TENANT = 'schemathesis-tenant';
const ORDER_ID = '1001';

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!LOOPBACK_HOSTS.has(url.hostname)) throw new TypeError(`fetch failed: ${url.host} is not loopback`);
  return realFetch(input, init);
};

const isolated = await createIsolatedDatabase(serverUrl);
const database = createPostgresDatabase(isolated.url);
const bus = createEmbeddedBus(database.db);
const apiKey = randomBytes(24).toString('hex');
let app: FastifyInstance | undefined;

async function stop(): Promise<void> {
  await app?.close();
  await bus.close();
  await database.close();
  await isolated.drop();
}

try {
  await migrateToLatest(database.db);
  const cipher = createCredentialCipher(randomBytes(32));
  app = await buildAdminApp({
    database,
    cipher,
    apiKeys: [apiKey],
    // Schemathesis sends wrong and missing keys on purpose; they must not lock the run out.
    authFailurePolicy: { perAddress: 1_000_000, windowSeconds: 1 },
    publicWebhookBaseUrl: 'https://hooks.example.test/',
    registry: createMetricsRegistry('admin-schemathesis').registry,
    logLevel: 'error',
    checkTimeoutMs: 2_000,
    bus,
    notifier: createNotifier({
      store: createNotificationStore(database.db),
      cipher,
      webhook: createWebhookChannel({ timeoutMs: 2_000 }),
      log: { info: () => {}, warn: () => {} },
    }),
  });
  const connectionIds = [await seedConnection(app, 'Webshop NL'), await seedConnection(app, 'Webshop BE')];
  const deadLetterId = await seedDeadLetteredOrder(connectionIds[0] ?? '');
  const tenantApiKey = await seedTenantKey(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${port}`, apiKey, tenantApiKey, tenantId: TENANT, connectionIds, externalOrderId: ORDER_ID, deadLetterId })}\n`,
  );
} catch (error) {
  process.stderr.write(`admin for schemathesis failed to start: ${String(error)}\n`);
  await stop().catch(() => {});
  process.exit(1);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}

async function seedConnection(admin: FastifyInstance, name: string): Promise<string> {
  const body = {
    tenantId: TENANT,
    name,
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    settings: asperionDemoSettings(NOWHERE),
    credentials: { clientId: 'koppel-demo', clientSecret: 'demo-secret', refreshToken: 'demo-refresh' },
    sourceSettings: {
      shopName: 'demo-shop',
      apiBaseUrl: NOWHERE,
      oauthBaseUrl: NOWHERE,
      polling: { enabled: true, intervalSeconds: 60 },
    },
    sourceCredentials: { clientId: 'shop-client', clientSecret: 'shop-secret' },
  };
  const created = await inject(admin, 'POST', '/admin/v1/connections', body);
  return (created as { id: string }).id;
}

/** One order as the pipeline leaves a failed one: received, mapped, dead-lettered by delivery. */
async function seedDeadLetteredOrder(connectionId: string): Promise<string> {
  const journey = createJourneyRepository(database.db);
  const email = 'anna@example.test';
  await journey.record(connectionId, ORDER_ID, 'received', {
    eventId: `e-${ORDER_ID}`,
    channel: 'webhook',
    sourcePayload: { innerId: ORDER_ID, email, firstname: 'Anna', lastname: 'de Vries' },
  });
  await journey.record(connectionId, ORDER_ID, 'mapped', {
    order: { orderNumber: `N-${ORDER_ID}`, customer: { email, firstName: 'Anna', lastName: 'de Vries' } },
  });
  const reason = 'VAT rate 27% has no VAT code in Asperion administration 12345';
  await journey.recordDeadLetter(
    {
      connectionId,
      externalOrderId: ORDER_ID,
      stage: 'delivery.asperion',
      sourceTopic: 'deliveries.asperion',
      sourcePartition: 0,
      sourceOffset: '7',
      key: `${connectionId}:${ORDER_ID}`,
      payload: new TextEncoder().encode(JSON.stringify({ orderNumber: `N-${ORDER_ID}` })),
      headers: {},
      errorCode: 'TARGET_REJECTED',
      errorMessage: reason,
      errorField: 'lines[0].vatRateBp',
      errorDetails: {},
      attempts: 1,
    },
    { stage: 'delivery.asperion', code: 'TARGET_REJECTED', reason },
  );
  const row = await database.db.selectFrom('dead_letters').select('id').executeTakeFirstOrThrow();
  return String(row.id);
}

async function seedTenantKey(admin: FastifyInstance): Promise<string> {
  const created = await inject(admin, 'POST', '/admin/v1/api-keys', { tenantId: TENANT, label: 'tenant' });
  return (created as { key: string }).key;
}

async function inject(
  admin: FastifyInstance,
  method: 'POST',
  url: string,
  payload: object,
): Promise<unknown> {
  const response = await admin.inject({ method, url, payload, headers: { 'x-api-key': apiKey } });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}
