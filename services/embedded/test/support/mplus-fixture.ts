/**
 * The whole order pipeline on the real broker and a Postgres database of its own, from the
 * Shoprenter simulator's webhooks to the MplusKASSA simulator in permissive mode (it accepts a
 * reused extOrderId, so only Koppel keeps a retry from booking twice). Built like
 * pipeline-fixture.ts; the Mplus connector is started here, alone, and the connection sets a short
 * request timeout (`target.settings.requestTimeoutMs`), so a "succeed, then time out" answer is
 * retried within the test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mplusConnector } from '@koppel/connector-mplus';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus, type Subscription } from '@koppel/kafka';
import { startTargetConnector } from '@koppel/service-kit';
import { buildMplusSimulator, MPLUS_DEFAULT_CREDENTIALS, type MplusSimulator } from '@koppel/sim-mplus';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { type RunningPipeline, startPipeline } from '../../src/compose-pipeline.js';

/** The connector's timeout of one SOAP call in these tests (ms): short, so a held answer times out fast. */
export const MPLUS_TEST_TIMEOUT_MS = 1000;

export type MplusFixture = {
  pipeline: RunningPipeline;
  shoprenter: ShoprenterSimulator;
  mplus: MplusSimulator;
  connectionId: string;
  /**
   * Arms the sim-kit rule `{kind: 'succeed-then-timeout', method: 'POST', path: '/'}` at the
   * moment the connector sends its next createOrder: every SOAP call is `POST /`, so the rule is
   * put in place by the connector's fetch right before that one call goes out.
   */
  holdNextCreateOrder(): void;
  journey(externalOrderId: string): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

/** Articles of demoOrder's SKUs (MUG-01, TEA-01 mapped by the connection's table) and shipping. */
const ARTICLES = [
  { articleNumber: 100236, description: 'Mug', price: 1500, vatCode: 2 },
  { articleNumber: 100237, description: 'Tea', price: 540, vatCode: 1 },
  { articleNumber: 999, description: 'Verzendkosten', price: 0, vatCode: 2 },
  { articleNumber: 998, description: 'Afronding', price: 0, vatCode: 2 },
];

export function mplusSettings(apiUrl: string): Record<string, unknown> {
  return {
    apiUrl,
    taxCodes: [
      { vatRateBp: 2100, vatCode: 2 },
      { vatRateBp: 900, vatCode: 1 },
      { vatRateBp: 0, vatCode: 3 },
    ],
    revenueAccounts: [{ turnoverGroup: 800 }],
    articleNumbers: { 'MUG-01': 100236, 'TEA-01': 100237 },
    deliveryMethods: { WSESHIP: 'BEZORGEN_MET_AUTO' },
    shippingArticleNumber: 999,
    roundingArticleNumber: 998,
    requestTimeoutMs: MPLUS_TEST_TIMEOUT_MS,
  };
}

export async function startMplusFixture(): Promise<MplusFixture> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `t${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-test-mplus' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const cipher = createCredentialCipher(randomBytes(32));
  const metrics = createMetricsRegistry('e2e-mplus');

  const mplus = buildMplusSimulator({ rateLimit: false, permissive: true });
  const mplusUrl = await mplus.app.listen({ port: 0, host: '127.0.0.1' });
  const seeded = await mplus.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: { products: [{ productNumber: 1, description: 'Webshop', articles: ARTICLES }] },
  });
  if (seeded.statusCode >= 300) throw new Error(`seeding Mplus articles failed: ${seeded.body}`);

  const pipeline = await startPipeline({
    bus,
    db: database.db,
    cipher,
    metrics,
    topicPrefix,
    readiness: {},
    logLevel: 'warn',
    withoutTargetConnectors: true,
    poller: { tickMs: 200, scheduleSyncMs: 200, backoff: { baseSeconds: 1, maxSeconds: 5 } },
  });
  const journeyRepository = createJourneyRepository(database.db);
  let armed = false;
  const connectorFetch = (input: string | URL, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    if (armed && body.includes('<ns:createOrder>')) {
      armed = false;
      mplus.kit.faults.configure({
        rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: '/', count: 1, holdMs: 5000 }],
      });
    }
    return fetch(input, init);
  };
  const connector: Subscription = await startTargetConnector(mplusConnector, {
    bus,
    journey: journeyRepository,
    metrics,
    topicPrefix,
    log: pipeline.ingestApp.log.child({ service: 'connector-mplus' }),
    db: database.db,
    connections: pipeline.connections,
    retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
    fetch: connectorFetch,
  });
  const ingestUrl = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await shoprenter.app.listen({ port: 0, host: '127.0.0.1' });

  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const secret = randomBytes(24).toString('base64url');
  await pipeline.connections.create({
    id: connectionId,
    tenantId: 'tenant-e2e-mplus',
    name: 'E2E shop → MplusKASSA',
    sourceSystem: 'shoprenter',
    targetSystem: 'mplus',
    webhookSecretHash: hashWebhookSecret(secret),
    ipAllowlist: [],
    rules: {},
    settings: mplusSettings(mplusUrl),
    sourceSettings: {
      shopName: 'demo',
      apiBaseUrl: shoprenterUrl,
      oauthBaseUrl: shoprenterUrl,
      polling: { enabled: false, intervalSeconds: 5 },
    },
    sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
    credentials: { ...MPLUS_DEFAULT_CREDENTIALS },
    active: true,
  });
  const webhookUrl = `${ingestUrl}/webhooks/shoprenter/${connectionId}/${secret}`;
  const registered = await shoprenter.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers: {
      authorization: `Bearer ${shoprenter.issueToken()}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    payload: {
      label: 'koppel order_confirm',
      event: 'order_confirm',
      status: '1',
      webHookParameters: [{ type: 'json', url: webhookUrl }],
    },
  });
  if (registered.statusCode >= 300) throw new Error(`webhook registration failed: ${registered.body}`);

  return {
    pipeline,
    shoprenter,
    mplus,
    connectionId,
    holdNextCreateOrder: () => {
      armed = true;
    },
    journey: (externalOrderId) => journeyRepository.list(connectionId, externalOrderId),
    async close() {
      await connector.stop();
      await pipeline.stop();
      await bus.close();
      await shoprenter.app.close();
      await mplus.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}
