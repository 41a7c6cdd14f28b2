import { randomBytes, randomUUID } from 'node:crypto';
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
import { buildMijnwebwinkelSimulator, type MijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { startPipeline } from '../../src/compose-pipeline.js';
import { asperionDemoSettings } from '../../src/demo-settings.js';

const STORE_TOKEN = 'mww-store-token';
const PARTNER_TOKEN = 'mww-partner-token';

/**
 * The whole pipeline on real Kafka and Postgres with the Mijnwebwinkel simulator as the (polled)
 * source and the Asperion simulator, permissive, as the target: it would take a second invoice
 * with the same number, so "booked once" is Koppel's doing.
 */
export async function startMijnwebwinkelFixture(options: { rules?: Record<string, unknown> } = {}) {
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
  const shop: MijnwebwinkelSimulator = buildMijnwebwinkelSimulator({
    tokens: [{ token: STORE_TOKEN, partnerToken: PARTNER_TOKEN, partnerName: 'Koppel', active: true }],
    rateLimit: null,
  });
  const shopUrl = await shop.app.listen({ port: 0, host: '127.0.0.1' });
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
    name: 'E2E Mijnwebwinkel → Asperion',
    sourceSystem: 'mijnwebwinkel',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret(randomBytes(24).toString('base64url')),
    ipAllowlist: [],
    rules: options.rules ?? {},
    settings: { ...asperionDemoSettings(asperionUrl), rateLimit: { requestsPerSecond: 500, burst: 100 } },
    sourceSettings: { apiBaseUrl: shopUrl, polling: { enabled: true, intervalSeconds: 1 } },
    sourceCredentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
    credentials: {
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    },
    active: true,
  });
  const schedules = createPollScheduleRepository(database.db);
  const journey = createJourneyRepository(database.db);
  return {
    shop,
    asperion,
    connectionId,
    schedules,
    journey: (externalOrderId: string) => journey.list(connectionId, externalOrderId),
    /** Invoices in the Asperion simulator with this number (the simulator's own count). */
    async invoiceCount(number: string): Promise<number> {
      const response = await asperion.app.inject({
        url: `/_control/documents?number=${encodeURIComponent(number)}`,
      });
      return (response.json() as { count: number }).count;
    },
    async placeOrder(body: Record<string, unknown> = {}): Promise<number> {
      const response = await shop.app.inject({
        method: 'POST',
        url: '/_control/orders',
        payload: {
          debtor: {
            email: 'klant@example.nl',
            invoice: {
              name: 'Klaas Klant',
              street: 'Dorpsstraat',
              number: '12a',
              zipcode: '1234AB',
              city: 'Utrecht',
            },
          },
          lines: [
            { type: 'custom', description: 'Theepot', unit_price: '24.95', rate: '21.00' },
            { type: 'custom', description: 'Verzendkosten', unit_price: '4.95', rate: '21.00' },
          ],
          ...body,
        },
      });
      if (response.statusCode !== 201) throw new Error(`the shop refused the order: ${response.body}`);
      return (response.json() as { number: number }).number;
    },
    async changeOrder(number: number, change: Record<string, unknown>): Promise<void> {
      const response = await shop.app.inject({
        method: 'PATCH',
        url: `/_control/orders/${number}`,
        payload: change,
      });
      if (response.statusCode !== 200) throw new Error(`the shop refused the change: ${response.body}`);
    },
    async close() {
      await pipeline.stop();
      await bus.close();
      await shop.app.close();
      await asperion.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}

export type MijnwebwinkelFixture = Awaited<ReturnType<typeof startMijnwebwinkelFixture>>;
