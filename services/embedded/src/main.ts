import { tracing } from '@koppel/telemetry/register';
import { buildAdminApp, startRetentionPurgeLoop } from '@koppel/admin';
import {
  createEmailChannel,
  createNotificationStore,
  createNotifier,
  createWebhookChannel,
  startNotifierLoop,
} from '@koppel/notifications';
import {
  createConnectionRepository,
  createCredentialCipher,
  createEmbeddedDatabase,
  freeLeasesOfPreviousRun,
  migrateToLatest,
  parseCredentialsKey,
} from '@koppel/db';
import { createEmbeddedBus, readEmbeddedConsumerLag } from '@koppel/kafka';
import { installGracefulShutdown, setHeapGrowingPercent } from '@koppel/service-kit';
import { createMetricsRegistry, maskEmails } from '@koppel/telemetry';
import { startPipeline } from './compose-pipeline.js';
import { loadEmbeddedConfig } from './config.js';
import { openDataFolder } from './data-folder.js';
import { DataFolderInUseError, lockDataFolder } from './data-folder-lock.js';
import { ensureDemoConnections } from './demo-connection.js';
import {
  DEMOS,
  type DemoContext,
  ensureDemoStockSettings,
  simulatorPorts,
  startDemoSimulators,
} from './demos/index.js';
import { SIMULATOR_NAMES, SIMULATOR_TITLES } from './demos/simulators.js';
import { waitForPollSchedules } from './demos/wait-for-poll-schedules.js';

/**
 * Koppel in one process with nothing but Node: embedded Postgres (PGlite) in the data folder,
 * the table-backed topic log instead of Kafka, every core service, every registered connector, the
 * admin API, a simulator of every shop and target (src/demos/simulators.ts) and a ready demo
 * connection from each shop to a target (src/demos/, `npm run demo -- <connection>`).
 */
const config = loadEmbeddedConfig();
setHeapGrowingPercent(config.KOPPEL_HEAP_GROWING_PERCENT);
const data = openDataFolder(config.KOPPEL_DATA_DIR);
const folderLock = lockDataFolderOrExit(data.root);
process.once('exit', () => folderLock.release());
const cipher = createCredentialCipher(
  parseCredentialsKey(config.CREDENTIALS_KEY ?? data.randomSecret('credentials.key')),
);
const apiKeys = (config.ADMIN_API_KEYS ?? data.randomSecret('admin-api-key', 24)).split(',');
const host = config.KOPPEL_HOST;
const url = (port: number) => `http://${host}:${port}`;

const database = await createEmbeddedDatabase(data.file('pg'));
await migrateToLatest(database.db);
// This process alone owns the folder (the lock above): any lease in it is a killed run's.
const freed = await freeLeasesOfPreviousRun(database.db);
if (Object.keys(freed).length > 0) {
  const held = Object.entries(freed).map(([table, rows]) => `${table} ${rows}`);
  console.log(`took over the work a previous run left when it was stopped hard (${held.join(', ')})`);
}
const bus = createEmbeddedBus(database.db, {
  // Error texts may quote what a shop sent: e-mail addresses are masked (@koppel/telemetry).
  onHandlerError: (error, topic) => console.error(`[embedded bus] ${topic}: ${maskEmails(String(error))}`),
});
const metrics = createMetricsRegistry('koppel-embedded');
// koppel_consumer_lag_records from the table log, as the deployables report it from Kafka.
metrics.watchConsumerLag(() => readEmbeddedConsumerLag(database.db));
const readiness = { database: () => database.ping(), bus: () => bus.ping() };

const simulators = await startDemoSimulators({ data, host, ports: simulatorPorts(config) });
const ctx: DemoContext = {
  sims: simulators.sims,
  urls: simulators.urls,
  ingestUrl: url(config.KOPPEL_INGEST_PORT),
  data,
  pollSeconds: config.KOPPEL_DEMO_POLL_SECONDS,
};
// Before the pipeline starts, so the pollers' first round already schedules the polled demos.
const connections = createConnectionRepository(database.db, cipher);
await ensureDemoConnections(connections, DEMOS, ctx);
await ensureDemoStockSettings(database.db, DEMOS);

const pipeline = await startPipeline({
  bus,
  db: database.db,
  cipher,
  metrics,
  topicPrefix: '',
  readiness,
  logLevel: config.LOG_LEVEL,
  // One process owns PGlite: connections are kept until a change, rate limits are in memory.
  connectionChanges: database.connectionChanges,
  rateLimits: 'per-process',
});
await pipeline.ingestApp.listen({ port: config.KOPPEL_INGEST_PORT, host });
const notifier = createNotifier({
  store: createNotificationStore(database.db),
  cipher,
  ...(config.SMTP_URL
    ? { email: createEmailChannel({ smtpUrl: config.SMTP_URL, from: config.NOTIFY_FROM }) }
    : {}),
  webhook: createWebhookChannel(),
  log: pipeline.ingestApp.log.child({ service: 'notifier' }),
});
const admin = await buildAdminApp({
  database,
  notifier,
  cipher,
  // The same bus as the pipeline: dead-letter replays go onto the embedded log.
  bus,
  apiKeys,
  publicWebhookBaseUrl: url(config.KOPPEL_INGEST_PORT),
  registry: metrics.registry,
  logLevel: config.LOG_LEVEL,
  readiness,
});
await admin.listen({ port: config.KOPPEL_ADMIN_PORT, host });
const notifierLoop = startNotifierLoop(notifier, pipeline.ingestApp.log, 10_000);
// Payloads and personal data older than each tenant's retention go, in small batches (README).
const purgeLoop = startRetentionPurgeLoop({
  db: database.db,
  log: pipeline.ingestApp.log.child({ service: 'retention' }),
});
await waitForPollSchedules(database.db, connections, DEMOS);

const column = (text: string, width: number) => text.padEnd(width);
console.log(`Koppel is running (embedded: PGlite + table-backed log in ${data.root})
  ingest (webhooks)      ${url(config.KOPPEL_INGEST_PORT)}
  admin API              ${url(config.KOPPEL_ADMIN_PORT)}/admin/v1   docs: ${url(config.KOPPEL_ADMIN_PORT)}/docs
  admin API key          ${apiKeys[0]}
simulators (control API under /_control, faults under /_sim):
${SIMULATOR_NAMES.map((name) => `  ${column(SIMULATOR_TITLES[name], 26)} ${simulators.urls[name]}`).join('\n')}
demo connections (try: npm run demo -- <connection>):
${DEMOS.map((demo) => `  ${column(demo.id, 26)} ${demo.title}`).join('\n')}`);

installGracefulShutdown(
  [
    { name: 'notifier', run: () => notifierLoop.stop() },
    { name: 'retention purge', run: () => purgeLoop.stop() },
    { name: 'pipeline', run: () => pipeline.stop() },
    { name: 'admin', run: () => admin.close() },
    { name: 'simulators', run: () => simulators.close() },
    { name: 'bus', run: () => bus.close() },
    { name: 'database', run: () => database.close() },
    { name: 'tracing', run: () => tracing.shutdown() },
  ],
  { timeoutMs: 15_000, log: (m) => console.log(m) },
);

/** The data folder's lock, or a one-line reason and exit 1 when another Koppel holds it. */
function lockDataFolderOrExit(root: string): { release(): void } {
  try {
    return lockDataFolder(root);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    console.error(`Koppel cannot start: ${error.message}`);
    process.exit(1);
  }
}
