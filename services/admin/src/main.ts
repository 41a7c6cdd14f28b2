import { ConfigError } from '@koppel/config';
import { startTracing } from '@koppel/telemetry';
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

const { createCredentialCipher, createPostgresDatabase, migrateToLatest, parseCredentialsKey } = await import(
  '@koppel/db'
);
const { installGracefulShutdown } = await import('@koppel/service-kit');
const { createMetricsRegistry } = await import('@koppel/telemetry');
const { buildAdminApp } = await import('./app.js');

const database = createPostgresDatabase(config.DATABASE_URL);
await migrateToLatest(database.db);
const app = await buildAdminApp({
  database,
  cipher: createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY)),
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
installGracefulShutdown(
  [
    { name: 'http', run: () => app.close() },
    { name: 'database', run: () => database.close() },
    { name: 'tracing', run: () => tracing.shutdown() },
  ],
  { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, log: (message) => app.log.info(message) },
);
