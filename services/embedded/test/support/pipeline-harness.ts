/**
 * The infrastructure every end-to-end fixture stands on, defined once: a Postgres database of its
 * own (migrated), topics under a unique prefix on the real broker, a credential cipher, the
 * running pipeline with its ingest listening, and helpers to start simulators and target
 * connectors, create connections and close all of it in the right order.
 * A fixture (pipeline-fixture.ts, accountview-fixture.ts, …) is a thin layer: it starts its
 * simulators with `listen`, creates its connection with `createConnection` (parts for the common
 * systems: `shoprenterSource`, `asperionTarget`) and adds its own helpers. New fixtures
 * (InnVoice, till-to-shop) can adopt it the same way.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createCredentialCipher,
  createJourneyRepository,
  createPostgresDatabase,
  type DatabaseHandle,
  hashWebhookSecret,
  migrateToLatest,
  type NewConnection,
} from '@koppel/db';
import { createKafkaBus, type MessageBus } from '@koppel/kafka';
import { startTargetConnector, type TargetConnectorDeps } from '@koppel/service-kit';
import type { AsperionSimulator } from '@koppel/sim-asperion';
import { DEFAULT_CLIENT, DEFAULT_USER_ID } from '@koppel/sim-asperion';
import type { ShoprenterSimulator } from '@koppel/sim-shoprenter';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import type { FastifyInstance } from 'fastify';
import { type RunningPipeline, startPipeline } from '../../src/compose-pipeline.js';
import { asperionDemoSettings } from '../../src/demo-settings.js';

type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
type TargetConnector = Parameters<typeof startTargetConnector>[0];

export type PipelineHarnessOptions = {
  /** Suffix of the Kafka client id and the metrics prefix (e.g. `mplus`). */
  name?: string;
  /** Start no target connectors in the pipeline (a fixture starts its own with `startConnector`). */
  withoutTargetConnectors?: boolean;
  /** Retry policy of the pipeline's target connectors (default: 8 attempts, 100 ms doubling to 2 s). */
  deliveryRetry?: RetryPolicy;
  /** Timeout of one request of the pipeline's target connectors (default 30 s). */
  targetRequestTimeoutMs?: number;
};

/** A connection without the parts the harness fills in (id, webhook secret, defaults). */
export type HarnessConnection = Omit<
  NewConnection,
  'id' | 'tenantId' | 'webhookSecretHash' | 'ipAllowlist' | 'rules' | 'active'
> & { tenantId?: string; rules?: Record<string, unknown> };

export type PipelineHarness = {
  pipeline: RunningPipeline;
  database: DatabaseHandle;
  databaseUrl: string;
  bus: MessageBus;
  kafkaBrokers: string[];
  topicPrefix: string;
  credentialsKeyHex: string;
  ingestUrl: string;
  /** Listens on a free local port (closed with the harness, after the pipeline); the base URL. */
  listen(app: FastifyInstance): Promise<string>;
  /** Starts a target connector on the harness's bus and database (stopped before the pipeline). */
  startConnector(
    connector: TargetConnector,
    options: Pick<TargetConnectorDeps, 'retry' | 'requestTimeoutMs' | 'fetch'>,
  ): Promise<void>;
  /** Creates an active connection; its webhook URL on the ingest (the secret is fresh). */
  createConnection(connection: HarnessConnection): Promise<{ connectionId: string; webhookUrl: string }>;
  journey: ReturnType<typeof createJourneyRepository>;
  close(): Promise<void>;
};

export async function startPipelineHarness(options: PipelineHarnessOptions = {}): Promise<PipelineHarness> {
  const suffix = options.name ? `-${options.name}` : '';
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const database = createPostgresDatabase(isolated.url);
  await migrateToLatest(database.db);
  const topicPrefix = `t${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId: `koppel-test${suffix}` });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const credentialsKeyHex = randomBytes(32).toString('hex');
  const metrics = createMetricsRegistry(`e2e${suffix}`);
  const pipeline = await startPipeline({
    bus,
    db: database.db,
    cipher: createCredentialCipher(Buffer.from(credentialsKeyHex, 'hex')),
    metrics,
    topicPrefix,
    readiness: {},
    logLevel: 'warn',
    deliveryRetry: options.deliveryRetry ?? { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 2000 },
    withoutTargetConnectors: options.withoutTargetConnectors ?? false,
    targetRequestTimeoutMs: options.targetRequestTimeoutMs,
    poller: { tickMs: 200, scheduleSyncMs: 200, backoff: { baseSeconds: 1, maxSeconds: 5 } },
  });
  const ingestUrl = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
  const journey = createJourneyRepository(database.db);
  const stopBeforePipeline: (() => Promise<void>)[] = [];
  const closeAfterPipeline: (() => Promise<void>)[] = [];

  return {
    pipeline,
    database,
    databaseUrl: isolated.url,
    bus,
    kafkaBrokers: infra.kafkaBrokers,
    topicPrefix,
    credentialsKeyHex,
    ingestUrl,
    journey,
    async listen(app) {
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      closeAfterPipeline.push(() => app.close());
      return url;
    },
    async startConnector(connector, connectorOptions) {
      const subscription = await startTargetConnector(connector, {
        bus,
        journey,
        metrics,
        topicPrefix,
        log: pipeline.ingestApp.log.child({ service: `connector-${connector.system}` }),
        db: database.db,
        connections: pipeline.connections,
        ...connectorOptions,
      });
      stopBeforePipeline.push(() => subscription.stop());
    },
    async createConnection(connection) {
      const connectionId = `c-${randomUUID().slice(0, 8)}`;
      const secret = randomBytes(24).toString('base64url');
      await pipeline.connections.create({
        id: connectionId,
        tenantId: 'tenant-e2e',
        rules: {},
        ...connection,
        webhookSecretHash: hashWebhookSecret(secret),
        ipAllowlist: [],
        active: true,
      });
      return {
        connectionId,
        webhookUrl: `${ingestUrl}/webhooks/${connection.sourceSystem}/${connectionId}/${secret}`,
      };
    },
    async close() {
      for (const stop of stopBeforePipeline) await stop();
      await pipeline.stop();
      await bus.close();
      for (const close of closeAfterPipeline) await close();
      await database.close();
      await isolated.drop();
    },
  };
}

/** The source side of a connection from the Shoprenter simulator at `url` (its OAuth client). */
export function shoprenterSource(url: string, polling = false) {
  return {
    sourceSystem: 'shoprenter',
    sourceSettings: {
      shopName: 'demo',
      apiBaseUrl: url,
      oauthBaseUrl: url,
      polling: { enabled: polling, intervalSeconds: 5 },
    },
    sourceCredentials: { clientId: 'sim-client-id', clientSecret: 'sim-client-secret' },
  };
}

/** Registers webhooks of `events` to `url` in the Shoprenter simulator, as a merchant does. */
export async function registerShoprenterWebhooks(
  shoprenter: ShoprenterSimulator,
  url: string,
  options: { events?: string[]; type?: 'json' | 'xml' } = {},
): Promise<void> {
  for (const event of options.events ?? ['order_confirm', 'order_status_change']) {
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
        webHookParameters: [{ type: options.type ?? 'json', url }],
      },
    });
    if (response.statusCode >= 300) throw new Error(`webhook registration failed: ${response.body}`);
  }
}

/** The target side of a connection to the Asperion simulator at `url` (demo administration). */
export function asperionTarget(
  asperion: AsperionSimulator,
  url: string,
  rateLimit = { requestsPerSecond: 500, burst: 100 },
) {
  return {
    targetSystem: 'asperion',
    settings: { ...asperionDemoSettings(url), rateLimit },
    credentials: {
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
    },
  };
}

/** Documents with this number in the Asperion simulator (its own count: a permissive one keeps two). */
export async function countAsperionDocuments(asperion: AsperionSimulator, number: string): Promise<number> {
  const response = await asperion.app.inject({
    url: `/_control/documents?number=${encodeURIComponent(number)}`,
  });
  return (response.json() as { count: number }).count;
}
