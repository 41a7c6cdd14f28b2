import { ConfigError } from '@koppel/config';
import { startTracing } from '@koppel/telemetry/tracing';
import { loadAdminConfig } from './config.js';

// Config first (zod only), then tracing, and only then the modules it instruments (fastify,
// pg): they are imported dynamically below so the OpenTelemetry hooks see them load.
const config = (() => {
  try {
    return loadAdminConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
})();
const tracing = startTracing({
  serviceName: config.OTEL_SERVICE_NAME,
  tracesEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
});

const {
  createCredentialCipher,
  createPostgresDatabase,
  migrateToLatest,
  parseCredentialsKey,
  waitForMigrations,
} = await import('@koppel/db');
const { installGracefulShutdown } = await import('@koppel/service-kit');
const { createMetricsRegistry } = await import('@koppel/telemetry');
const { createKafkaBus } = await import('@koppel/kafka');
const { buildAdminApp } = await import('./app.js');
const { startRetentionPurgeLoop } = await import('./retention/retention-purge-loop.js');
const notifications = await import('@koppel/notifications');

const database = createPostgresDatabase(config.DATABASE_URL);
if (config.MIGRATE_ON_START) await migrateToLatest(database.db);
// The chart's migrations Job applies them; the admin waits until the schema is current.
else
  await waitForMigrations(database.db, {
    timeoutMs: config.MIGRATION_WAIT_MS,
    onWait: (pending) =>
      process.stdout.write(
        `${JSON.stringify({ level: 30, time: Date.now(), service: 'admin', msg: `waiting for database migrations: ${pending.join(', ')}` })}\n`,
      ),
  });
// Only dead-letter replays publish; the dead letter names its full topic (prefix included).
const bus = config.KAFKA_BROKERS
  ? createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId: 'koppel-admin' })
  : undefined;
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
const notifier = notifications.createNotifier({
  store: notifications.createNotificationStore(database.db),
  cipher,
  ...(config.SMTP_URL
    ? { email: notifications.createEmailChannel({ smtpUrl: config.SMTP_URL, from: config.NOTIFY_FROM }) }
    : {}),
  webhook: notifications.createWebhookChannel(),
  // The app's logger, once built below (the notifier logs only after its first scan).
  log: {
    info: (facts, message) => app.log.info(facts, message),
    warn: (facts, message) => app.log.warn(facts, message),
  },
});
const app = await buildAdminApp({
  database,
  bus,
  notifier,
  cipher,
  apiKeys: config.ADMIN_API_KEYS,
  authFailurePolicy: {
    perAddress: config.AUTH_FAILURES_PER_ADDRESS,
    windowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS,
  },
  publicWebhookBaseUrl: config.PUBLIC_WEBHOOK_BASE_URL,
  registry: createMetricsRegistry('admin').registry,
  logLevel: config.LOG_LEVEL,
});
await app.listen({ port: config.PORT, host: config.HOST });
// Every admin replica scans; the per-problem claim in Postgres lets one notice out.
const notifierLoop = notifications.startNotifierLoop(notifier, app.log, config.NOTIFY_SCAN_MS);
// Every admin replica runs the schedule; the purge lease lets one of them purge per round.
const purgeLoop = startRetentionPurgeLoop({ db: database.db, log: app.log });
installGracefulShutdown(
  [
    { name: 'notifier', run: () => notifierLoop.stop() },
    { name: 'retention purge', run: () => purgeLoop.stop() },
    { name: 'http', run: () => app.close() },
    { name: 'bus', run: async () => bus?.close() },
    { name: 'database', run: () => database.close() },
    { name: 'tracing', run: () => tracing.shutdown() },
  ],
  { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, log: (message) => app.log.info(message) },
);
