/**
 * The whole order pipeline on the real broker and a Postgres database of its own, from the
 * Shoprenter simulator's webhooks to the AccountView simulator (permissive: it refuses no
 * duplicate, so only Koppel keeps a retry from booking twice). Built like pipeline-fixture.ts,
 * but the AccountView connector is started here with a short request timeout, so a "succeed,
 * then time out" answer is retried within the test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { accountviewConnector } from '@koppel/connector-accountview';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import type { Subscription } from '@koppel/kafka';
import { createKafkaBus } from '@koppel/kafka';
import { startTargetConnector } from '@koppel/service-kit';
import {
  ACCOUNTVIEW_DEFAULT_CLIENT,
  ACCOUNTVIEW_DEFAULT_COMPANY,
  type AccountviewSimulator,
  buildAccountviewSimulator,
} from '@koppel/sim-accountview';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { type RunningPipeline, startPipeline } from '../../src/compose-pipeline.js';

/** The connector's timeout of one request in these tests (ms): short, so a held answer times out fast. */
export const ACCOUNTVIEW_TEST_TIMEOUT_MS = 1500;

export type AccountviewFixture = {
  pipeline: RunningPipeline;
  shoprenter: ShoprenterSimulator;
  accountview: AccountviewSimulator;
  connectionId: string;
  webhookUrl: string;
  /** Adds another connection to the same AccountView (settings/credentials laid over the working ones). */
  addConnection(overrides: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
  }): Promise<{ connectionId: string; webhookUrl: string }>;
  /** The AccountView company's tables (CONTACT, SO_HDR, SO_LINE, …) as the simulator stores them. */
  tables(): Record<string, Record<string, unknown>[]>;
  journey(
    connectionId: string,
    externalOrderId: string,
  ): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

export function accountviewSettings(apiBaseUrl: string): Record<string, unknown> {
  return {
    apiBaseUrl,
    companyId: ACCOUNTVIEW_DEFAULT_COMPANY.Id,
    documentType: 'sales-order',
    vatCodes: [
      { vatRateBp: 2100, vatCode: '2' },
      { vatRateBp: 900, vatCode: '1' },
      { vatRateBp: 0, vatCode: '0' },
    ],
    shippingArticleCode: 'SHIP',
    paymentFeeArticleCode: 'FEE',
    discountArticleCode: 'DISC',
    roundingArticleCode: 'ROUND',
    paymentMethods: [{ shopPaymentMethod: 'BANK_TRANSFER', paymentTermsCode: '14D' }],
    rateLimit: { requestsPerSecond: 200, burst: 100 },
  };
}

export async function startAccountviewFixture(): Promise<AccountviewFixture> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `t${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-test-accountview' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const cipher = createCredentialCipher(randomBytes(32));
  const metrics = createMetricsRegistry('e2e-accountview');

  const accountview = buildAccountviewSimulator({ rateLimit: false, permissive: true });
  const accountviewUrl = await accountview.app.listen({ port: 0, host: '127.0.0.1' });
  const seeded = await accountview.app.inject({
    method: 'POST',
    url: '/_control/companies/default/articles',
    payload: {
      rows: ['MUG-01', 'TEA-01', 'SHIP', 'FEE', 'DISC', 'ROUND'].map((code) => ({
        ART_CODE: code,
        ART_DESC1: code,
        PX_SELL: '1',
      })),
    },
  });
  if (seeded.statusCode >= 300) throw new Error(`seeding AccountView articles failed: ${seeded.body}`);

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
  const connector: Subscription = await startTargetConnector(accountviewConnector, {
    bus,
    journey: journeyRepository,
    metrics,
    topicPrefix,
    log: pipeline.ingestApp.log.child({ service: 'connector-accountview' }),
    db: database.db,
    connections: pipeline.connections,
    retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
    requestTimeoutMs: ACCOUNTVIEW_TEST_TIMEOUT_MS,
  });
  const ingestUrl = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await shoprenter.app.listen({ port: 0, host: '127.0.0.1' });

  const mintRefreshToken = () => {
    const client = ACCOUNTVIEW_DEFAULT_CLIENT;
    const redirectUri = client.redirectUris[0] ?? '';
    const code = accountview.tokens.createCode(client.clientId, redirectUri, [
      'readaccountviewdata',
      'updateaccountviewdata',
    ]);
    const known = accountview.tokens.authenticateClient(client.clientId, client.clientSecret);
    return accountview.tokens.exchangeCode(known, code, redirectUri).refresh_token;
  };

  async function addConnection(overrides: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
  }): Promise<string> {
    const id = `c-${randomUUID().slice(0, 8)}`;
    const secret = randomBytes(24).toString('base64url');
    await pipeline.connections.create({
      id,
      tenantId: 'tenant-e2e',
      name: 'E2E shop → AccountView',
      sourceSystem: 'shoprenter',
      targetSystem: 'accountview',
      webhookSecretHash: hashWebhookSecret(secret),
      ipAllowlist: [],
      rules: {},
      settings: { ...accountviewSettings(`${accountviewUrl}/api/v3`), ...overrides.settings },
      sourceSettings: {
        shopName: 'demo',
        apiBaseUrl: shoprenterUrl,
        oauthBaseUrl: shoprenterUrl,
        polling: { enabled: false, intervalSeconds: 5 },
      },
      sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
      credentials: {
        clientId: ACCOUNTVIEW_DEFAULT_CLIENT.clientId,
        clientSecret: ACCOUNTVIEW_DEFAULT_CLIENT.clientSecret,
        refreshToken: mintRefreshToken(),
        ...overrides.credentials,
      },
      active: true,
    });
    const url = `${ingestUrl}/webhooks/shoprenter/${id}/${secret}`;
    connectionWebhooks.set(id, url);
    return id;
  }
  const connectionWebhooks = new Map<string, string>();
  const connectionId = await addConnection({});
  const webhookUrl = connectionWebhooks.get(connectionId) ?? '';

  for (const event of ['order_confirm', 'order_status_change']) {
    const response = await shoprenter.app.inject({
      method: 'POST',
      url: '/api/webHooks',
      headers: {
        authorization: `Bearer ${shoprenter.issueToken()}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      payload: {
        label: `koppel ${event}`,
        event,
        status: '1',
        webHookParameters: [{ type: 'json', url: webhookUrl }],
      },
    });
    if (response.statusCode >= 300) throw new Error(`webhook registration failed: ${response.body}`);
  }

  return {
    pipeline,
    shoprenter,
    accountview,
    connectionId,
    webhookUrl,
    addConnection: async (overrides) => {
      const id = await addConnection(overrides);
      return { connectionId: id, webhookUrl: connectionWebhooks.get(id) ?? '' };
    },
    tables: () => {
      const company = accountview.store.state().companies[0];
      if (!company) throw new Error('the AccountView simulator has no company');
      return company.tables;
    },
    journey: (id, externalOrderId) => journeyRepository.list(id, externalOrderId),
    async close() {
      await connector.stop();
      await pipeline.stop();
      await bus.close();
      await shoprenter.app.close();
      await accountview.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}
