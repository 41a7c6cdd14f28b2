/**
 * The embedded mode as the benchmark's child process: the one-process composition
 * (services/embedded/src/compose-pipeline.ts) on PGlite in a temp folder and the table-backed
 * topic log, with a Shoprenter → Asperion connection to the simulator at ASPERION_URL. Prints
 * `READY <ingest url> <webhook path>`; stops on SIGTERM.
 *
 * DATA_DIR: the folder of the database (a temp folder of its own, removed at the end, when absent).
 * PREPARE_ONLY=true: only creates and migrates the database there, prints `READY prepared` and
 * closes it on SIGTERM, so the measured run starts on a database that exists, as every start of
 * an installation after its first does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCredentialCipher,
  createEmbeddedDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createEmbeddedBus } from '@koppel/kafka';
import { DEFAULT_CLIENT } from '@koppel/sim-asperion';
import { setHeapGrowingPercent } from '@koppel/service-kit';
import { createMetricsRegistry } from '@koppel/telemetry';
import { z } from 'zod';
import { startPipeline } from '../../services/embedded/src/compose-pipeline.js';
import { loadEmbeddedConfig } from '../../services/embedded/src/config.js';
import { asperionDemoSettings } from '../../services/embedded/src/demo-settings.js';
import { shoprenterSource } from '../../services/embedded/test/support/pipeline-harness.js';

const env = z
  .object({
    ASPERION_URL: z.url(),
    ASPERION_REFRESH_TOKEN: z.string().min(1),
    CONNECTOR_RPS: z.coerce.number().positive(),
    DATA_DIR: z.string().min(1).optional(),
    PREPARE_ONLY: z.enum(['true', 'false']).default('false'),
  })
  .parse(process.env);

// The heap's growth as `npm start` sets it (services/embedded/src/main.ts).
setHeapGrowingPercent(loadEmbeddedConfig().KOPPEL_HEAP_GROWING_PERCENT);

const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'koppel-bench-embedded-'));
const database = await createEmbeddedDatabase(join(dataDir, 'pg'));
await migrateToLatest(database.db);
if (env.PREPARE_ONLY === 'true') {
  process.stdout.write('READY prepared\n');
  process.once('SIGTERM', async () => {
    await database.close();
    process.exit(0);
  });
  // Waits for the SIGTERM (the timer keeps the process alive; nothing below runs).
  setInterval(() => {}, 60_000);
  await new Promise(() => {});
}
const bus = createEmbeddedBus(database.db, {
  onHandlerError: (error, topic) => console.error(`[embedded bus] ${topic}: ${String(error)}`),
});
const pipeline = await startPipeline({
  bus,
  db: database.db,
  cipher: createCredentialCipher(randomBytes(32)),
  metrics: createMetricsRegistry('bench-embedded'),
  topicPrefix: '',
  readiness: {},
  // As the embedded main: connections kept until a change, rate limits in memory.
  connectionChanges: database.connectionChanges,
  rateLimits: 'per-process',
  logLevel: 'warn',
  deliveryRetry: { maxAttempts: 30, baseDelayMs: 100, maxDelayMs: 1000 },
});
const connectionId = `c-${randomUUID().slice(0, 8)}`;
const secret = randomBytes(24).toString('base64url');
await pipeline.connections.create({
  id: connectionId,
  tenantId: 'tenant-bench',
  name: 'Benchmark shop → Asperion (embedded)',
  rules: {},
  ...shoprenterSource('http://shoprenter.invalid', false),
  targetSystem: 'asperion',
  settings: {
    ...asperionDemoSettings(env.ASPERION_URL),
    rateLimit: { requestsPerSecond: env.CONNECTOR_RPS, burst: env.CONNECTOR_RPS },
  },
  credentials: {
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    refreshToken: env.ASPERION_REFRESH_TOKEN,
  },
  webhookSecretHash: hashWebhookSecret(secret),
  ipAllowlist: [],
  active: true,
});
const url = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${url} /webhooks/shoprenter/${connectionId}/${secret}\n`);

process.once('SIGTERM', async () => {
  await pipeline.stop();
  await bus.close();
  await database.close();
  if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
});
