/**
 * The whole order pipeline on the real broker and a Postgres database of its own, from the
 * Shoprenter simulator's webhooks (a Hungarian shop, forints) to the InnVoice simulator. InnVoice
 * refuses no duplicate in any mode and cannot be searched by order, so only Koppel's ledger keeps
 * a lost answer from booking twice. Built like pipeline-fixture.ts, but the InnVoice connector is
 * started here alone with a short request timeout, so a "succeed, then time out" answer is lost
 * within the test.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { innvoiceConnector } from '@koppel/connector-innvoice';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  hashWebhookSecret,
  migrateToLatest,
} from '@koppel/db';
import { createKafkaBus, type MessageBus, type Subscription } from '@koppel/kafka';
import { startTargetConnector } from '@koppel/service-kit';
import {
  buildInnvoiceSimulator,
  INNVOICE_DEFAULT_CREDENTIALS,
  type InnvoiceSimulator,
} from '@koppel/sim-innvoice';
import { buildShoprenterSimulator, type ShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { type RunningPipeline, startPipeline } from '../../src/compose-pipeline.js';

/** The connector's timeout of one request in these tests (ms): short, so a held answer times out fast. */
export const INNVOICE_TEST_TIMEOUT_MS = 1500;
export const INNVOICE_COMPANY = INNVOICE_DEFAULT_CREDENTIALS.name;

/** A document as the simulator's control API lists it (the fields these tests read). */
export type SimDocument = {
  techId: string;
  kind: string;
  draft: boolean;
  number: string | null;
  gross: number;
  buyer: { name: string; taxNumber: string; email: string };
  lines: { name: string; vatLabel: string }[];
};

export type InnvoiceFixture = {
  pipeline: RunningPipeline;
  /** The pipeline's bus, database and credential key, for an admin API on the same pipeline. */
  bus: MessageBus;
  databaseUrl: string;
  credentialsKeyHex: string;
  ingestUrl: string;
  shoprenter: ShoprenterSimulator;
  innvoice: InnvoiceSimulator;
  connectionId: string;
  webhookUrl: string;
  /** Adds another connection to the same InnVoice account (settings/credentials laid over the working ones). */
  addConnection(overrides: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
  }): Promise<{ connectionId: string; webhookUrl: string }>;
  /** The company's documents whose buyer has this e-mail. */
  documentsOf(email: string): Promise<SimDocument[]>;
  /** Every document the simulator holds (`GET /_control/documents`). */
  countDocuments(): Promise<number>;
  journey(
    connectionId: string,
    externalOrderId: string,
  ): ReturnType<ReturnType<typeof createJourneyRepository>['list']>;
  close(): Promise<void>;
};

export function innvoiceSettings(apiBaseUrl: string): Record<string, unknown> {
  return {
    apiBaseUrl,
    company: INNVOICE_COMPANY,
    invoicePadId: 1,
    documentType: 'invoice',
    finalisation: 'final',
    emailDocument: true,
    stockWarehouseId: 1,
    rateLimit: { requestsPerSecond: 200, burst: 100 },
  };
}

export async function startInnvoiceFixture(): Promise<InnvoiceFixture> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `t${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: 'koppel-test-innvoice' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const credentialsKey = randomBytes(32);
  const cipher = createCredentialCipher(credentialsKey);
  const metrics = createMetricsRegistry('e2e-innvoice');

  const innvoice = buildInnvoiceSimulator({ rateLimit: false, permissive: true });
  const innvoiceUrl = await innvoice.app.listen({ port: 0, host: '127.0.0.1' });

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
  const connector: Subscription = await startTargetConnector(innvoiceConnector, {
    bus,
    journey: journeyRepository,
    metrics,
    topicPrefix,
    log: pipeline.ingestApp.log.child({ service: 'connector-innvoice' }),
    db: database.db,
    connections: pipeline.connections,
    retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
    requestTimeoutMs: INNVOICE_TEST_TIMEOUT_MS,
  });
  const ingestUrl = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
  const shoprenter = buildShoprenterSimulator({ rateLimit: false });
  const shoprenterUrl = await shoprenter.app.listen({ port: 0, host: '127.0.0.1' });

  const connectionWebhooks = new Map<string, string>();
  async function addConnection(overrides: {
    settings?: Record<string, unknown>;
    credentials?: Record<string, unknown>;
  }): Promise<string> {
    const id = `c-${randomUUID().slice(0, 8)}`;
    const secret = randomBytes(24).toString('base64url');
    await pipeline.connections.create({
      id,
      tenantId: 'tenant-e2e',
      name: 'E2E Shoprenter → InnVoice',
      sourceSystem: 'shoprenter',
      targetSystem: 'innvoice',
      webhookSecretHash: hashWebhookSecret(secret),
      ipAllowlist: [],
      rules: {},
      settings: { ...innvoiceSettings(innvoiceUrl), ...overrides.settings },
      sourceSettings: {
        shopName: 'demo',
        apiBaseUrl: shoprenterUrl,
        oauthBaseUrl: shoprenterUrl,
        polling: { enabled: false, intervalSeconds: 5 },
      },
      sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
      credentials: {
        username: INNVOICE_DEFAULT_CREDENTIALS.username,
        password: INNVOICE_DEFAULT_CREDENTIALS.password,
        ...overrides.credentials,
      },
      active: true,
    });
    connectionWebhooks.set(id, `${ingestUrl}/webhooks/shoprenter/${id}/${secret}`);
    return id;
  }
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
    bus,
    databaseUrl: isolated.url,
    credentialsKeyHex: credentialsKey.toString('hex'),
    ingestUrl,
    shoprenter,
    innvoice,
    connectionId,
    webhookUrl,
    addConnection: async (overrides) => {
      const id = await addConnection(overrides);
      return { connectionId: id, webhookUrl: connectionWebhooks.get(id) ?? '' };
    },
    async documentsOf(email) {
      const response = await innvoice.app.inject({
        url: `/_control/companies/${INNVOICE_COMPANY}/documents`,
      });
      const { documents } = response.json() as { documents: SimDocument[] };
      return documents.filter((d) => d.buyer.email === email);
    },
    async countDocuments() {
      const response = await innvoice.app.inject({ url: '/_control/documents' });
      return (response.json() as { count: number }).count;
    },
    journey: (id, externalOrderId) => journeyRepository.list(id, externalOrderId),
    async close() {
      await connector.stop();
      await pipeline.stop();
      await bus.close();
      await shoprenter.app.close();
      await innvoice.app.close();
      await database.close();
      await isolated.drop();
    },
  };
}
