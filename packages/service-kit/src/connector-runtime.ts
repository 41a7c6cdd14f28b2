/**
 * The start-up wiring every connector deployable shares (`runSourcePoller`, `runTargetConnector`,
 * `runConnector`): the env parsed once with the credentials key opened, one runtime and HTTP app
 * (health, readiness, metrics), and each role started from the same runtime parts. The roles stop
 * in the order they were started: the poller first (a running poll stores its cursor), then the
 * consumers commit what they processed.
 */
import { hostname } from 'node:os';
import { type BaseServiceEnv, parseConfig } from '@koppel/config';
import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import {
  type ConnectionRepository,
  type CredentialCipher,
  createConnectionRepository,
  shareConnectionLookups,
  createCredentialCipher,
  createInboxRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  createTargetRateBucketRepository,
  type Database,
  parseCredentialsKey,
} from '@koppel/db';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { buildServiceApp } from './build-service-app.js';
import type { PipelineStageDeps } from './run-consumer-deployable.js';
import { runDeployable } from './run-deployable.js';
import type { SourcePollerEnv } from './source-poller/source-poller-config.js';
import { startProductSyncRole } from './product-sync/start-product-sync-role.js';
import { startSourcePoller } from './source-poller/start-source-poller.js';
import { startSourceWriteBack } from './source-write-back/start-source-write-back.js';
import { startHoldRecorder } from './stock-reader/start-hold-recorder.js';
import { startStockReader } from './stock-reader/start-stock-reader.js';
import { startStockSink } from './stock-sink/start-stock-sink.js';
import { startTargetConnector } from './target-runner/start-target-connector.js';
import type { TargetRunnerEnv } from './target-runner/target-runner-config.js';

/** The env every connector deployable has: the base service env and the credentials key. */
type ConnectorEnv = BaseServiceEnv & { CREDENTIALS_KEY: string };

/** A connector deployable's parsed env, frozen, with its service name and credential cipher. */
export type ConnectorStartup<E extends ConnectorEnv> = {
  serviceName: string;
  config: Readonly<E>;
  cipher: CredentialCipher;
};

/** What every role starts from: the pipeline stage parts plus the database and connections. */
export type ConnectorParts = PipelineStageDeps & {
  db: Kysely<Database>;
  /** Opens the connections' sealed credentials (and saves rotated ones). */
  connections: ConnectionRepository;
};

type Stoppable = { stop(): Promise<void> } | undefined;

/** Parses the env (throws listing every problem) and opens the credentials key; synchronous. */
export function openConnectorStartup<S extends z.ZodType<ConnectorEnv>>(
  system: string,
  schema: S,
  env: Record<string, string | undefined> | undefined,
): ConnectorStartup<z.infer<S>> {
  const serviceName = `connector-${system}`;
  const config = parseConfig(serviceName, schema, env ?? process.env);
  const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
  return { serviceName, config, cipher };
}

/** Runs the deployable: runtime, app, the roles `start` returns, listen, graceful shutdown. */
export function runConnectorDeployable<E extends ConnectorEnv>(
  startup: ConnectorStartup<E>,
  tracing: { shutdown(): Promise<void> },
  start: (parts: ConnectorParts) => Promise<Stoppable[]>,
): Promise<void> {
  const { serviceName, config, cipher } = startup;
  return runDeployable({
    serviceName,
    config,
    tracing,
    build: async (runtime) => {
      const db = runtime.database.db;
      const app = buildServiceApp({
        serviceName,
        readiness: runtime.readiness,
        registry: runtime.metrics.registry,
        logLevel: config.LOG_LEVEL,
      });
      const roles = await start({
        bus: runtime.bus,
        journey: createJourneyRepository(db),
        metrics: runtime.metrics,
        topicPrefix: runtime.topicPrefix,
        log: app.log,
        db,
        // Concurrent records of one connection share its read (`shareConnectionLookups`).
        connections: shareConnectionLookups(createConnectionRepository(db, cipher)),
      });
      return {
        app,
        stop: async () => {
          for (const role of roles) await role?.stop();
        },
      };
    },
  });
}

/**
 * The source roles: the poll loop (when `withPoller`) and, beside it, the shop's write-back
 * (invoice number, status), which uses the same credentials.
 */
export async function startSourceRoles(
  connector: AnySourceConnector,
  parts: ConnectorParts,
  config: SourcePollerEnv,
  withPoller: boolean,
): Promise<Stoppable[]> {
  const session = { requestTimeoutMs: config.SOURCE_REQUEST_TIMEOUT_MS };
  const poller = withPoller
    ? startSourcePoller(connector, {
        connections: parts.connections,
        schedules: createPollScheduleRepository(parts.db),
        intake: {
          bus: parts.bus,
          inbox: createInboxRepository(parts.db),
          journey: parts.journey,
          topicPrefix: parts.topicPrefix,
        },
        metrics: parts.metrics,
        log: parts.log,
        instanceId: config.POLLER_INSTANCE_ID ?? hostname(),
        tickMs: config.POLL_TICK_MS,
        leaseMs: config.POLL_LEASE_MS,
        claimLimit: config.POLL_CONCURRENCY,
        scheduleSyncMs: config.POLL_SCHEDULE_SYNC_MS,
        backoff: {
          baseSeconds: config.POLL_BACKOFF_BASE_SECONDS,
          maxSeconds: config.POLL_BACKOFF_MAX_SECONDS,
        },
        session,
      })
    : undefined;
  const writeBack = await startSourceWriteBack(connector, {
    bus: parts.bus,
    journey: parts.journey,
    metrics: parts.metrics,
    topicPrefix: parts.topicPrefix,
    log: parts.log,
    connections: parts.connections,
    session,
  });
  // Products from the books/POS into this shop (issue 11), when the shop connector takes them.
  const productSync = startProductSyncRole(connector, {
    db: parts.db,
    connections: parts.connections,
    metrics: parts.metrics,
    log: parts.log,
    instanceId: config.POLLER_INSTANCE_ID ?? hostname(),
    session,
  });
  // Stock from the books/POS into this shop (issue 11), when the shop connector takes it.
  const stockSink = await startStockSink(connector, {
    db: parts.db,
    connections: parts.connections,
    bus: parts.bus,
    topicPrefix: parts.topicPrefix,
    journey: parts.journey,
    metrics: parts.metrics,
    log: parts.log,
    session,
    instanceId: config.POLLER_INSTANCE_ID ?? hostname(),
  });
  return [productSync, poller, writeBack, stockSink];
}

/** The target role: the consumer of `deliveries.<system>`, tuned by the delivery env. */
export async function startTargetRole(
  connector: AnyTargetConnector,
  parts: ConnectorParts,
  config: TargetRunnerEnv,
): Promise<Stoppable> {
  const consumer = await startTargetConnector(connector, {
    ...parts,
    requestTimeoutMs: config.TARGET_REQUEST_TIMEOUT_MS,
    retry: {
      maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
      baseDelayMs: config.DELIVERY_BACKOFF_BASE_MS,
      maxDelayMs: config.DELIVERY_BACKOFF_MAX_MS,
    },
  });
  // Stock from this books/POS system back into the shops (issue 11), when it reports stock:
  // the reader, and the record of shop orders in flight that keeps a push from overselling.
  const stockReader = startStockReader(connector, {
    ...parts,
    session: {
      requestTimeoutMs: config.TARGET_REQUEST_TIMEOUT_MS,
      rateBuckets: createTargetRateBucketRepository(parts.db),
    },
  });
  const holdRecorder = await startHoldRecorder(connector, parts);
  return {
    async stop() {
      await stockReader?.stop();
      await holdRecorder?.stop();
      await consumer.stop();
    },
  };
}
