/**
 * A Koppel pipeline on the real broker and a Postgres database of its own, run as its
 * deployables are: ingest, mapping, customer-registry, delivery, admin, the Asperion target
 * connector (deliveries, stock reader) and the Shoprenter source connector (poller, stock sink),
 * each with its own metrics registry served on its own `/metrics` port, as each main.ts does
 * through `createServiceRuntime` (consumer lag included). Shoprenter and Asperion simulators play
 * the vendors. Imported after tracing has started (see pipeline-observability.test.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { buildAdminApp } from '@koppel/admin';
import { pipelineTopics } from '@koppel/connector-registry';
import { asperionConnector } from '@koppel/connector-asperion';
import { shoprenterConnector } from '@koppel/connector-shoprenter';
import { startCustomerRegistry } from '@koppel/customer-registry';
import {
  createAuthFailureRepository,
  createConnectionRepository,
  createCredentialCipher,
  createCustomerRepository,
  createInboxRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  createPostgresDatabase,
  createStockSettingsRepository,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { startDelivery } from '@koppel/delivery';
import { asperionDemoSettings } from '@koppel/embedded';
import { buildIngestApp } from '@koppel/ingest';
import { createConsumerLagReader, createKafkaBus, type MessageBus, type Subscription } from '@koppel/kafka';
import { startMapping } from '@koppel/mapping';
import {
  buildServiceApp,
  startHoldRecorder,
  startSourcePoller,
  startStockReader,
  startStockSink,
  startTargetConnector,
} from '@koppel/service-kit';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createMetricsRegistry, type ServiceMetrics } from '../../src/index.js';

/** The deployables of issue 13's chart, each a scrape target. */
export const DEPLOYABLES = [
  'ingest',
  'mapping',
  'customer-registry',
  'delivery',
  'admin',
  'connector-asperion',
  'connector-shoprenter',
] as const;
export type Deployable = (typeof DEPLOYABLES)[number];

export type ObservedPipeline = {
  /** host:port of each deployable's HTTP server (its `/metrics`). */
  metricsAddress: Record<Deployable, string>;
  shoprenter: ReturnType<typeof buildShoprenterSimulator>;
  asperion: ReturnType<typeof buildAsperionSimulator>;
  connectionId: string;
  webhookUrl: string;
  bus: MessageBus;
  topicPrefix: string;
  /** The ingest's JSON log lines (level info: one per request in and out). */
  ingestLogLines: string[];
  journeyTraceIds(externalOrderId: string): Promise<{ stage: string; traceId: string | null }[]>;
  close(): Promise<void>;
};

export async function startObservedPipeline(): Promise<ObservedPipeline> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const db = database.db;
  const topicPrefix = `t${uniqueRunId()}.`;
  const kafka = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-observability-test' });
  await kafka.ensureTopics(pipelineTopics(), topicPrefix);
  const cipher = createCredentialCipher(randomBytes(32));
  const connections = createConnectionRepository(db, cipher);
  const journey = createJourneyRepository(db);
  const closers: (() => Promise<void>)[] = [];
  const metricsAddress = {} as Record<Deployable, string>;

  /** What createServiceRuntime gives a deployable: its registry and a lag-tracked bus. */
  function runtimeOf(service: Deployable) {
    const metrics = createMetricsRegistry(service);
    const lag = createConsumerLagReader({ brokers: infra.kafkaBrokers, clientId: `koppel-${service}` });
    metrics.watchConsumerLag(() => lag.read());
    closers.push(() => lag.close());
    const bus = lag.trackSubscriptions(kafka);
    const log = silentLog();
    return { metrics, bus, log, shared: { bus, journey, metrics, topicPrefix, log } };
  }
  async function serve(service: Deployable, app: FastifyInstance) {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    metricsAddress[service] = new URL(url).host;
    closers.push(() => app.close());
  }
  const metricsOnlyApp = (service: Deployable, metrics: ServiceMetrics) =>
    buildServiceApp({ serviceName: service, readiness: {}, registry: metrics.registry, logLevel: 'warn' });

  const subscriptions: Subscription[] = [];
  const stoppers: (() => Promise<void>)[] = [];

  const ingestLogLines: string[] = [];
  const ingest = runtimeOf('ingest');
  const ingestApp = await buildIngestApp({
    bus: ingest.bus,
    connections,
    inbox: createInboxRepository(db),
    journey,
    authFailures: createAuthFailureRepository(db),
    cipher,
    topicPrefix,
    registry: ingest.metrics.registry,
    readiness: {},
    logLevel: 'info',
    logStream: { write: (line: string) => void ingestLogLines.push(line) },
  });
  const ingestUrl = await ingestApp.listen({ port: 0, host: '127.0.0.1' });
  metricsAddress.ingest = new URL(ingestUrl).host;

  const mapping = runtimeOf('mapping');
  subscriptions.push(await startMapping({ ...mapping.shared, connections }));
  await serve('mapping', metricsOnlyApp('mapping', mapping.metrics));

  const registry = runtimeOf('customer-registry');
  subscriptions.push(
    await startCustomerRegistry({ ...registry.shared, customers: createCustomerRepository(db) }),
  );
  await serve('customer-registry', metricsOnlyApp('customer-registry', registry.metrics));

  const delivery = runtimeOf('delivery');
  subscriptions.push(await startDelivery({ ...delivery.shared, connections }));
  await serve('delivery', metricsOnlyApp('delivery', delivery.metrics));

  const target = runtimeOf('connector-asperion');
  subscriptions.push(
    await startTargetConnector(asperionConnector, {
      ...target.shared,
      db,
      connections,
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 500 },
    }),
  );
  const holds = await startHoldRecorder(asperionConnector, { ...target.shared, db });
  if (holds) subscriptions.push(holds);
  const stockReader = startStockReader(asperionConnector, {
    ...target.shared,
    db,
    connections,
    tickMs: 200,
    scheduleSyncMs: 200,
  });
  if (stockReader) stoppers.push(() => stockReader.stop());
  await serve('connector-asperion', metricsOnlyApp('connector-asperion', target.metrics));

  const source = runtimeOf('connector-shoprenter');
  const poller = startSourcePoller(shoprenterConnector, {
    connections,
    schedules: createPollScheduleRepository(db),
    intake: { bus: source.bus, inbox: createInboxRepository(db), journey, topicPrefix },
    metrics: source.metrics,
    log: source.log,
    tickMs: 200,
    scheduleSyncMs: 200,
    backoff: { baseSeconds: 1, maxSeconds: 5 },
  });
  stoppers.push(() => poller.stop());
  const sink = await startStockSink(shoprenterConnector, {
    ...source.shared,
    db,
    connections,
    pusher: { tickMs: 200 },
  });
  if (sink) stoppers.push(() => sink.stop());
  await serve('connector-shoprenter', metricsOnlyApp('connector-shoprenter', source.metrics));

  const admin = runtimeOf('admin');
  const adminDatabase = createPostgresDatabase(isolated.url, { maxConnections: 2 });
  const adminApp = await buildAdminApp({
    database: adminDatabase,
    cipher,
    apiKeys: ['observability-admin-key'],
    publicWebhookBaseUrl: ingestUrl,
    registry: admin.metrics.registry,
    logLevel: 'warn',
  });
  await serve('admin', adminApp);
  closers.push(() => adminDatabase.close());

  const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
  const asperionUrl = await asperion.app.listen({ port: 0, host: '127.0.0.1' });
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await shoprenter.app.listen({ port: 0, host: '127.0.0.1' });
  const { connectionId, webhookUrl } = await createConnection();
  await createStockSettingsRepository(db).save(connectionId, { enabled: true, changeIntervalSeconds: 1 });
  await registerWebhook(shoprenter, webhookUrl);

  async function createConnection() {
    const id = `c-${randomUUID().slice(0, 8)}`;
    const secret = randomBytes(24).toString('base64url');
    await connections.create({
      id,
      tenantId: 'tenant-observability',
      name: 'Observability shop → Asperion',
      rules: {},
      sourceSystem: 'shoprenter',
      sourceSettings: {
        shopName: 'demo',
        apiBaseUrl: shoprenterUrl,
        oauthBaseUrl: shoprenterUrl,
        // Shoprenter's shortest poll interval (settings.ts of @koppel/connector-shoprenter).
        polling: { enabled: true, intervalSeconds: 5 },
      },
      sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
      targetSystem: 'asperion',
      settings: { ...asperionDemoSettings(asperionUrl), rateLimit: { requestsPerSecond: 500, burst: 100 } },
      credentials: {
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
        refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
      },
      webhookSecretHash: hashWebhookSecret(secret),
      ipAllowlist: [],
      active: true,
    });
    return { connectionId: id, webhookUrl: `${ingestUrl}/webhooks/shoprenter/${id}/${secret}` };
  }

  return {
    metricsAddress,
    ingestLogLines,
    shoprenter,
    asperion,
    connectionId,
    webhookUrl,
    bus: kafka,
    topicPrefix,
    async journeyTraceIds(externalOrderId) {
      const rows = await db
        .selectFrom('order_journey')
        .select(['stage', 'trace_id'])
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ stage: row.stage, traceId: row.trace_id }));
    },
    async close() {
      for (const stop of stoppers) await stop();
      // Each stop leaves its consumer group (seconds each): all at once, as separate pods would.
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await ingestApp.close();
      for (const close of closers) await close();
      await kafka.close();
      await shoprenter.app.close();
      await asperion.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}

/** Asperion settings matching the simulator's default administration 12345. */

/** Registers the ingest's webhook for new orders in the Shoprenter simulator, as a merchant does. */
async function registerWebhook(shoprenter: ReturnType<typeof buildShoprenterSimulator>, url: string) {
  const response = await shoprenter.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers: {
      authorization: `Bearer ${shoprenter.issueToken()}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    payload: {
      label: 'koppel',
      event: 'order_confirm',
      status: '1',
      webHookParameters: [{ type: 'json', url }],
    },
  });
  if (response.statusCode >= 300) throw new Error(`webhook registration failed: ${response.body}`);
}

/** Warnings are expected (retries); errors go to stderr so a failing run explains itself. */
function silentLog() {
  const noop = () => {};
  const log = {
    level: 'error',
    fatal: noop,
    error: (...args: unknown[]) => process.stderr.write(`[pipeline error] ${JSON.stringify(args)}\n`),
    warn: noop,
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => log,
  };
  return log as unknown as FastifyBaseLogger;
}
