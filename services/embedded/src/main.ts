import { tracing } from '@koppel/telemetry/register';
import { buildAdminApp } from '@koppel/admin';
import {
  createCredentialCipher,
  createEmbeddedDatabase,
  migrateToLatest,
  parseCredentialsKey,
} from '@koppel/db';
import { createEmbeddedBus } from '@koppel/kafka';
import { installGracefulShutdown } from '@koppel/service-kit';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { startPipeline } from './compose-pipeline.js';
import { loadEmbeddedConfig } from './config.js';
import { openDataFolder } from './data-folder.js';
import { DEMO_CONNECTION_ID, ensureDemoConnection } from './demo-connection.js';

/**
 * Koppel in one process with nothing but Node: embedded Postgres (PGlite) in the data folder,
 * the table-backed topic log instead of Kafka, every core service, every registered connector, the
 * admin API, and the Shoprenter and Asperion simulators with a ready demo connection.
 */
const config = loadEmbeddedConfig();
const data = openDataFolder(config.KOPPEL_DATA_DIR);
const cipher = createCredentialCipher(
  parseCredentialsKey(config.CREDENTIALS_KEY ?? data.randomSecret('credentials.key')),
);
const apiKeys = (config.ADMIN_API_KEYS ?? data.randomSecret('admin-api-key', 24)).split(',');
const host = config.KOPPEL_HOST;
const url = (port: number) => `http://${host}:${port}`;

const database = await createEmbeddedDatabase(data.file('pg'));
await migrateToLatest(database.db);
const bus = createEmbeddedBus(database.db, {
  onHandlerError: (error, topic) => console.error(`[embedded bus] ${topic}: ${String(error)}`),
});
const metrics = createMetricsRegistry('koppel-embedded');
const readiness = { database: () => database.ping(), bus: () => bus.ping() };

const shoprenter = buildShoprenterSimulator({
  stateFile: data.file('sim-shoprenter.json'),
  publicBaseUrl: url(config.KOPPEL_SIM_SHOPRENTER_PORT),
});
const asperion = buildAsperionSimulator({ stateFile: data.file('sim-asperion.json') });
await shoprenter.app.listen({ port: config.KOPPEL_SIM_SHOPRENTER_PORT, host });
await asperion.app.listen({ port: config.KOPPEL_SIM_ASPERION_PORT, host });

const pipeline = await startPipeline({
  bus,
  db: database.db,
  cipher,
  metrics,
  topicPrefix: '',
  readiness,
  logLevel: config.LOG_LEVEL,
});
await pipeline.ingestApp.listen({ port: config.KOPPEL_INGEST_PORT, host });
const admin = await buildAdminApp({
  database,
  cipher,
  apiKeys,
  publicWebhookBaseUrl: url(config.KOPPEL_INGEST_PORT),
  registry: metrics.registry,
  logLevel: config.LOG_LEVEL,
  readiness,
});
await admin.listen({ port: config.KOPPEL_ADMIN_PORT, host });
await ensureDemoConnection({
  connections: pipeline.connections,
  data,
  ingestUrl: url(config.KOPPEL_INGEST_PORT),
  asperionUrl: url(config.KOPPEL_SIM_ASPERION_PORT),
  shoprenterUrl: url(config.KOPPEL_SIM_SHOPRENTER_PORT),
  shoprenter,
  asperion,
});

console.log(`Koppel is running (embedded: PGlite + table-backed log in ${data.root})
  ingest (webhooks)      ${url(config.KOPPEL_INGEST_PORT)}
  admin API              ${url(config.KOPPEL_ADMIN_PORT)}/admin/v1   docs: ${url(config.KOPPEL_ADMIN_PORT)}/docs
  admin API key          ${apiKeys[0]}
  Shoprenter simulator   ${url(config.KOPPEL_SIM_SHOPRENTER_PORT)}   (control: /_control)
  Asperion simulator     ${url(config.KOPPEL_SIM_ASPERION_PORT)}   (control: /_control)
  demo connection        ${DEMO_CONNECTION_ID}   try: npm run demo`);

installGracefulShutdown(
  [
    { name: 'pipeline', run: () => pipeline.stop() },
    { name: 'admin', run: () => admin.close() },
    {
      name: 'simulators',
      run: async () => void (await Promise.all([shoprenter.app.close(), asperion.app.close()])),
    },
    { name: 'bus', run: () => bus.close() },
    { name: 'database', run: () => database.close() },
    { name: 'tracing', run: () => tracing.shutdown() },
  ],
  { timeoutMs: 15_000, log: (m) => console.log(m) },
);
