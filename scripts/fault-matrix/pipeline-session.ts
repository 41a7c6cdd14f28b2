/**
 * What the scenarios of the fault matrix run on: a database of their own on the given Postgres
 * server (migrated), topics under a unique prefix on the given broker, and every deployable as
 * its own OS process. Each scenario adds a connection of its own to a permissive Asperion
 * simulator of its own (in this process), so its counts are exactly its orders.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { pipelineTopics } from '@koppel/connector-registry';
import {
  createConnectionRepository,
  createCredentialCipher,
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
import { createIsolatedDatabase, uniqueRunId } from '@koppel/test-infra';
import { asperionDemoSettings } from '../../services/embedded/src/demo-settings.js';
import { startPipelineHarness } from '../../services/embedded/test/support/pipeline-harness.js';
import { type Deployable, type PipelineProcesses, startPipelineProcesses } from './deployable-processes.js';

export type SessionOptions = {
  kafkaBrokers: string[];
  /** A Postgres server URL whose role may create databases. */
  postgresUrl: string;
  replicas: number;
  targetRequestTimeoutMs: number;
  stderr?: NodeJS.WritableStream;
};

export type ScenarioTarget = {
  connectionId: string;
  /** Path of the connection's webhook on ingest (with its secret). */
  webhookPath: string;
  asperion: AsperionSimulator;
  close(): Promise<void>;
};

export type PipelineSession = {
  processes: PipelineProcesses;
  database: DatabaseHandle;
  /** A producer on the session's broker (for poison records). */
  bus: MessageBus;
  topicPrefix: string;
  /** A connection Shoprenter → a new permissive Asperion simulator, with the given mapping rules. */
  addTarget(rules: Record<string, unknown>): Promise<ScenarioTarget>;
  close(): Promise<void>;
};

export async function startPipelineSession(options: SessionOptions): Promise<PipelineSession> {
  const isolated = await createIsolatedDatabase(options.postgresUrl);
  const database = createPostgresDatabase(isolated.url, { maxConnections: 4 });
  await migrateToLatest(database.db);
  const topicPrefix = `fm${uniqueRunId()}.`;
  const bus = createKafkaBus({ brokers: options.kafkaBrokers, clientId: 'fault-matrix' });
  await bus.ensureTopics(pipelineTopics(), topicPrefix);
  const credentialsKeyHex = randomBytes(32).toString('hex');
  const connections = createConnectionRepository(
    database.db,
    createCredentialCipher(Buffer.from(credentialsKeyHex, 'hex')),
  );
  const processes = await startPipelineProcesses({
    kafkaBrokers: options.kafkaBrokers,
    databaseUrl: isolated.url,
    topicPrefix,
    credentialsKeyHex,
    replicas: options.replicas,
    targetRequestTimeoutMs: options.targetRequestTimeoutMs,
    stderr: options.stderr,
  });
  try {
    await processes.ready();
  } catch (error) {
    await processes.stop();
    throw error;
  }

  return {
    processes,
    database,
    bus,
    topicPrefix,
    addTarget: targetFactory(connections),
    async close() {
      await processes.stop();
      await bus.close();
      await database.close();
      await isolated.drop().catch(() => {});
    },
  };
}

type ConnectionRepository = Pick<ReturnType<typeof createConnectionRepository>, 'create'>;

/** `addTarget` of a session: a connection Shoprenter → a new permissive Asperion simulator. */
function targetFactory(connections: ConnectionRepository): PipelineSession['addTarget'] {
  return async (rules) => {
    const asperion = buildAsperionSimulator({ rateLimit: false, permissive: true });
    const asperionUrl = await asperion.app.listen({ port: 0, host: '127.0.0.1' });
    const connectionId = `c-${randomUUID().slice(0, 8)}`;
    const secret = randomBytes(24).toString('base64url');
    await connections.create({
      id: connectionId,
      tenantId: 'tenant-fault-matrix',
      name: 'fault matrix',
      sourceSystem: 'shoprenter',
      // A webhook-only shop: no poll, no write-back (so no call to a shop that is not there).
      sourceSettings: { shopName: 'fault-matrix' },
      sourceCredentials: {},
      targetSystem: 'asperion',
      webhookSecretHash: hashWebhookSecret(secret),
      ipAllowlist: [],
      rules,
      settings: {
        ...asperionDemoSettings(asperionUrl),
        rateLimit: { requestsPerSecond: 1000, burst: 200 },
      },
      credentials: {
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: DEFAULT_CLIENT.clientSecret,
        refreshToken: asperion.tokens.mintRefreshToken(DEFAULT_CLIENT.clientId, DEFAULT_USER_ID),
      },
      active: true,
    });
    return {
      connectionId,
      webhookPath: `/webhooks/shoprenter/${connectionId}/${secret}`,
      asperion,
      close: () => asperion.app.close(),
    };
  };
}

/**
 * The cheaper form for the test suite: the pipeline in this process (the e2e harness: ingest,
 * mapping, customer registry, delivery), and only the deployables in `own` as their own OS
 * processes (those a scenario kills). Topics, database and credentials key are the harness's.
 */
export async function startInProcessSession(options: {
  own: readonly Deployable[];
  targetRequestTimeoutMs: number;
}): Promise<PipelineSession> {
  const harness = await startPipelineHarness({
    withoutTargetConnectors: options.own.includes('connector-asperion'),
  });
  const processes = await startPipelineProcesses({
    kafkaBrokers: harness.kafkaBrokers,
    databaseUrl: harness.databaseUrl,
    topicPrefix: harness.topicPrefix,
    credentialsKeyHex: harness.credentialsKeyHex,
    replicas: 1,
    only: options.own,
    targetRequestTimeoutMs: options.targetRequestTimeoutMs,
  });
  try {
    await processes.ready();
  } catch (error) {
    await processes.stop();
    await harness.close();
    throw error;
  }
  return {
    processes: { ...processes, ingestUrls: [harness.ingestUrl] },
    database: harness.database,
    bus: harness.bus,
    topicPrefix: harness.topicPrefix,
    addTarget: targetFactory(harness.pipeline.connections),
    async close() {
      await processes.stop();
      await harness.close();
    },
  };
}
