import { randomBytes, randomUUID } from 'node:crypto';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createCredentialCipher,
  createDeliveryLedgerRepository,
  createJourneyRepository,
  createPostgresDatabase,
  type DatabaseHandle,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus, type MessageBus } from '@koppel/kafka';
import {
  type AsperionSimulator,
  buildAsperionSimulator,
  DEFAULT_CLIENT,
  DEFAULT_USER_ID,
} from '@koppel/sim-asperion';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { type RunningPipeline, startPipeline } from '../../src/compose-pipeline.js';
import { asperionDemoSettings } from '../../src/demo-settings.js';

export type PipelineFixture = {
  pipeline: RunningPipeline;
  database: DatabaseHandle;
  databaseUrl: string;
  bus: MessageBus;
  kafkaBrokers: string[];
  topicPrefix: string;
  credentialsKeyHex: string;
  shoprenter: ShoprenterSimulator;
  asperion: AsperionSimulator;
  asperionUrl: string;
  ingestUrl: string;
  connectionId: string;
  webhookUrl: string;
  invoices(): ReturnType<AsperionSimulator['state']>['administrations'][number]['salesInvoices'];
  debtors(): ReturnType<AsperionSimulator['state']>['administrations'][number]['debtors'];
  delivered(): Promise<number>;
  /** Makes the Shoprenter simulator lose its next `count` webhooks (they are never sent). */
  dropNextWebhooks(count: number): Promise<void>;
  journey(externalOrderId: string): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

/**
 * The whole order pipeline on the real broker and a real Postgres database of its own, with
 * topics under a unique prefix, the Shoprenter simulator sending webhooks to a listening ingest,
 * and the Asperion simulator as the target.
 */
export async function startPipelineFixture(
  options: {
    withoutTargetConnectors?: boolean;
    /** Turn the Shoprenter reconciliation poll on (every 5 s) with the simulator's OAuth client. */
    polling?: boolean;
    /**
     * The Asperion simulator accepts duplicate invoice numbers (default), so "booked once" is
     * Koppel's doing and a double booking shows in the count; false = the vendor's own refusal.
     */
    permissiveTarget?: boolean;
    /** Retry policy of the target connectors (default: 8 attempts, 100 ms doubling to 2 s). */
    deliveryRetry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
    /** Timeout of one request to the target (default 30 s; the "succeed, then time out" test shortens it). */
    targetRequestTimeoutMs?: number;
    rules?: Record<string, unknown>;
    /** Keep the Asperion simulator's own rate limit (default: off, so bulk tests run fast). */
    asperionRateLimit?: boolean;
    /** The connector's client-side limit per connection (default 500/s, burst 100). */
    connectorRateLimit?: { requestsPerSecond: number; burst: number };
    /** Format of the Shoprenter webhooks (Shoprenter offers both per webhook parameter). */
    webhookType?: 'json' | 'xml';
  } = {},
): Promise<PipelineFixture> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `t${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-test' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const credentialsKeyHex = randomBytes(32).toString('hex');
  const cipher = createCredentialCipher(Buffer.from(credentialsKeyHex, 'hex'));

  const asperion = buildAsperionSimulator({
    ...(options.asperionRateLimit ? {} : { rateLimit: false }),
    permissive: options.permissiveTarget ?? true,
  });
  const asperionUrl = await asperion.app.listen({ port: 0, host: '127.0.0.1' });
  const pipeline = await startPipeline({
    bus,
    db: database.db,
    cipher,
    metrics: createMetricsRegistry('e2e'),
    topicPrefix,
    readiness: {},
    logLevel: 'warn',
    deliveryRetry: options.deliveryRetry ?? { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 2000 },
    withoutTargetConnectors: options.withoutTargetConnectors ?? false,
    targetRequestTimeoutMs: options.targetRequestTimeoutMs,
    poller: { tickMs: 200, scheduleSyncMs: 200, backoff: { baseSeconds: 1, maxSeconds: 5 } },
  });
  const ingestUrl = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });

  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await shoprenter.app.listen({ port: 0, host: '127.0.0.1' });
  const connectionId = `c-${randomUUID().slice(0, 8)}`;
  const secret = randomBytes(24).toString('base64url');
  await pipeline.connections.create({
    id: connectionId,
    tenantId: 'tenant-e2e',
    name: 'E2E shop → Asperion',
    sourceSystem: 'shoprenter',
    targetSystem: 'asperion',
    webhookSecretHash: hashWebhookSecret(secret),
    ipAllowlist: [],
    rules: options.rules ?? {},
    settings: {
      ...asperionDemoSettings(asperionUrl),
      rateLimit: options.connectorRateLimit ?? { requestsPerSecond: 500, burst: 100 },
    },
    sourceSettings: {
      shopName: 'demo',
      apiBaseUrl: shoprenterUrl,
      oauthBaseUrl: shoprenterUrl,
      polling: { enabled: options.polling ?? false, intervalSeconds: 5 },
    },
    sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
    credentials: {
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    },
    active: true,
  });
  const webhookUrl = `${ingestUrl}/webhooks/shoprenter/${connectionId}/${secret}`;

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
        webHookParameters: [{ type: options.webhookType ?? 'json', url: webhookUrl }],
      },
    });
    if (response.statusCode >= 300) throw new Error(`webhook registration failed: ${response.body}`);
  }

  const admin = () => {
    const first = asperion.state().administrations[0];
    if (!first) throw new Error('the Asperion simulator has no administration');
    return first;
  };
  const ledger = createDeliveryLedgerRepository(database.db);
  const journey = createJourneyRepository(database.db);
  return {
    pipeline,
    database,
    databaseUrl: isolated.url,
    bus,
    kafkaBrokers: infra.kafkaBrokers,
    topicPrefix,
    credentialsKeyHex,
    shoprenter,
    asperion,
    asperionUrl,
    ingestUrl,
    connectionId,
    webhookUrl,
    invoices: () => admin().salesInvoices,
    debtors: () => admin().debtors,
    delivered: () => ledger.countDelivered(connectionId),
    async dropNextWebhooks(count) {
      shoprenter.dropNextWebhooks({ count });
    },
    journey: (externalOrderId) => journey.list(connectionId, externalOrderId),
    async close() {
      await pipeline.stop();
      await bus.close();
      await shoprenter.app.close();
      await asperion.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}
