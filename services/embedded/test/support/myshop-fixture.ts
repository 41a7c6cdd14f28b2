/**
 * The pipeline on real Kafka and Postgres with a myShop connection: the myShop simulator (the
 * primary poll's source) and the Asperion simulator in permissive mode as the target, so
 * "booked once" is Koppel's doing, counted in the target.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPollScheduleRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus } from '@koppel/kafka';
import { buildAsperionSimulator, DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import { buildMyshopSimulator } from '@koppel/sim-myshop';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { startPipeline } from '../../src/compose-pipeline.js';
import { asperionDemoSettings } from '../../src/demo-settings.js';

export const MYSHOP_SHOP = '24680';
const PRIVATE_KEY = 'e2e-private-key';

export async function startMyshopFixture() {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `t${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-test' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const cipher = createCredentialCipher(randomBytes(32));
  const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
  const asperionUrl = await asperion.app.listen({ port: 0, host: '127.0.0.1' });
  const myshop = buildMyshopSimulator({
    shops: [{ number: MYSHOP_SHOP, privateKey: PRIVATE_KEY }],
    changeTimeGranularity: 'day',
  });
  await myshop.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = myshop.app.server.address() as AddressInfo;
  const pipeline = await startPipeline({
    bus,
    db: database.db,
    cipher,
    metrics: createMetricsRegistry('e2e'),
    topicPrefix,
    readiness: {},
    logLevel: 'warn',
    deliveryRetry: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 2000 },
    poller: { tickMs: 200, scheduleSyncMs: 200, backoff: { baseSeconds: 1, maxSeconds: 5 } },
  });
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  await pipeline.connections.create({
    id: connectionId,
    tenantId: 'tenant-e2e',
    name: 'E2E myShop → Asperion',
    sourceSystem: 'myshop',
    targetSystem: 'asperion',
    // myShop sends no webhooks; the hash of a secret nobody knows keeps the column filled.
    webhookSecretHash: hashWebhookSecret(randomBytes(24).toString('base64url')),
    ipAllowlist: [],
    rules: {},
    settings: { ...asperionDemoSettings(asperionUrl), rateLimit: { requestsPerSecond: 500, burst: 100 } },
    sourceSettings: {
      shopNumber: MYSHOP_SHOP,
      rpcBaseUrl: `http://127.0.0.1:${port}/RPC`,
      polling: { enabled: true, intervalSeconds: 5 },
    },
    sourceCredentials: { privateKey: PRIVATE_KEY },
    credentials: {
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    },
    active: true,
  });
  const journey = createJourneyRepository(database.db);
  const schedules = createPollScheduleRepository(database.db);
  return {
    myshop,
    asperion,
    connectionId,
    schedules,
    journey: (externalOrderId: string) => journey.list(connectionId, externalOrderId),
    /** Invoices in the target with this document number (the permissive target would keep two). */
    async invoicesNumbered(number: string): Promise<number> {
      const res = await asperion.app.inject({
        url: `/_control/documents?number=${encodeURIComponent(number)}`,
      });
      return (res.json() as { count: number }).count;
    },
    async close() {
      await pipeline.stop();
      await bus.close();
      await myshop.app.close();
      await asperion.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}
export type MyshopFixture = Awaited<ReturnType<typeof startMyshopFixture>>;
