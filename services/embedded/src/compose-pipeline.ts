import { polledSourceConnectors, sourceConnectors, targetConnectors } from '@koppel/connector-registry';
import { startCustomerRegistry } from '@koppel/customer-registry';
import {
  type ConnectionChanges,
  type ConnectionRepository,
  type CredentialCipher,
  cacheConnectionLookups,
  createAuthFailureRepository,
  createConnectionRepository,
  shareConnectionLookups,
  createCustomerRepository,
  createInboxRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  type Database,
} from '@koppel/db';
import { startDelivery } from '@koppel/delivery';
import { buildIngestApp } from '@koppel/ingest';
import type { MessageBus, RetryPolicy, Subscription } from '@koppel/kafka';
import { startMapping } from '@koppel/mapping';
import {
  type SourcePollerDeps,
  type StockReader,
  type StockReaderDeps,
  type StockSink,
  type StockSinkDeps,
  startHoldRecorder,
  startProductSyncRole,
  startSourcePoller,
  startSourceWriteBack,
  startStockReader,
  startStockSink,
  startTargetConnector,
} from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';

export type PipelineInfrastructure = {
  bus: MessageBus;
  db: Kysely<Database>;
  cipher: CredentialCipher;
  metrics: ServiceMetrics;
  topicPrefix: string;
  readiness: Record<string, () => Promise<boolean>>;
  logLevel?: string;
  /** Where the pipeline's log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
  /** Retry policy of the target connectors (tests shorten it). */
  deliveryRetry?: RetryPolicy;
  /** Timeout of one request to a target in milliseconds (default 30 000; tests shorten it). */
  targetRequestTimeoutMs?: number;
  /**
   * Changed connections told before the writer's statement returns (PGlite's
   * `connectionChanges`): connection reads are then kept in memory until a change. Without it
   * each record reads its connection (concurrent reads shared).
   */
  connectionChanges?: ConnectionChanges;
  /**
   * `per-process`: each target session keeps its rate-limit bucket in memory instead of the shared
   * one in the database. Right only where this process is the one caller of its targets (the
   * embedded mode: PGlite belongs to one process). Default `shared`.
   */
  rateLimits?: 'shared' | 'per-process';
  /** Leave the target connectors out (tests run one as its own process). */
  withoutTargetConnectors?: boolean;
  /** Poller timing (tests poll faster than production's defaults). */
  poller?: Pick<SourcePollerDeps, 'tickMs' | 'scheduleSyncMs' | 'backoff' | 'leaseMs'>;
  /** Stock reader and pusher timing (tests read and push faster than production's defaults). */
  stock?: {
    reader?: Pick<StockReaderDeps, 'tickMs' | 'scheduleSyncMs' | 'backoff' | 'leaseMs'>;
    pusher?: StockSinkDeps['pusher'];
  };
};

export type RunningPipeline = {
  ingestApp: FastifyInstance;
  connections: ConnectionRepository;
  /** The stock readers (books/POS with stock) and sinks (shops taking stock) running here. */
  stock: { readers: StockReader[]; sinks: StockSink[] };
  stop(): Promise<void>;
};

/**
 * Composes every core service, every registered target connector and a poller for every polled
 * source over one bus and one database. The embedded one-process mode runs it on PGlite and the
 * embedded log; the end-to-end tests and the benchmark run it on real Kafka and Postgres. Each
 * piece is the deployable's own code; nothing here names a particular system.
 */
export async function startPipeline(infra: PipelineInfrastructure): Promise<RunningPipeline> {
  // Concurrent records of one connection share its read, in every stage; with change notices the
  // read is kept until the connection changes.
  const stored = createConnectionRepository(infra.db, infra.cipher);
  const cache = infra.connectionChanges
    ? await cacheConnectionLookups(stored, infra.connectionChanges)
    : undefined;
  const connections = cache?.connections ?? shareConnectionLookups(stored);
  const journey = createJourneyRepository(infra.db);
  const inbox = createInboxRepository(infra.db);
  const ingestApp = await buildIngestApp({
    bus: infra.bus,
    connections,
    inbox,
    journey,
    // Concurrent webhooks share the inbox's round trips here as in the ingest deployable.
    authFailures: createAuthFailureRepository(infra.db),
    cipher: infra.cipher,
    topicPrefix: infra.topicPrefix,
    registry: infra.metrics.registry,
    readiness: infra.readiness,
    ...(infra.logLevel ? { logLevel: infra.logLevel } : {}),
    logStream: infra.logStream,
  });
  // One logger, each line naming the service that wrote it, as the separate deployables do.
  const logFor = (service: string) => ingestApp.log.child({ service });
  const shared = { bus: infra.bus, journey, metrics: infra.metrics, topicPrefix: infra.topicPrefix };
  const subscriptions: Subscription[] = [
    await startMapping({ ...shared, log: logFor('mapping'), connections }),
    await startCustomerRegistry({
      ...shared,
      log: logFor('customer-registry'),
      customers: createCustomerRepository(infra.db),
    }),
    await startDelivery({ ...shared, log: logFor('delivery'), connections }),
  ];
  if (!infra.withoutTargetConnectors) {
    for (const connector of targetConnectors) {
      subscriptions.push(
        await startTargetConnector(connector, {
          ...shared,
          log: logFor(`connector-${connector.system}`),
          db: infra.db,
          connections,
          retry: infra.deliveryRetry,
          requestTimeoutMs: infra.targetRequestTimeoutMs,
          sharedRateBuckets: infra.rateLimits !== 'per-process',
        }),
      );
    }
  }
  for (const connector of sourceConnectors) {
    const writeBack = await startSourceWriteBack(connector, {
      ...shared,
      log: logFor(`connector-${connector.system}`),
      connections,
    });
    if (writeBack) subscriptions.push(writeBack);
  }
  // Stock flows back: a reader and the in-flight order record per books/POS with stock, a sink
  // per shop that takes stock (issue 11).
  const stockReaders: StockReader[] = [];
  const stockSinks: StockSink[] = [];
  if (!infra.withoutTargetConnectors) {
    for (const connector of targetConnectors) {
      const log = logFor(`connector-${connector.system}`);
      const reader = startStockReader(connector, {
        ...shared,
        log,
        db: infra.db,
        connections,
        ...infra.stock?.reader,
      });
      if (reader) stockReaders.push(reader);
      const holds = await startHoldRecorder(connector, { ...shared, log, db: infra.db });
      if (holds) subscriptions.push(holds);
    }
  }
  for (const connector of sourceConnectors) {
    const sink = await startStockSink(connector, {
      ...shared,
      log: logFor(`connector-${connector.system}`),
      db: infra.db,
      connections,
      pusher: infra.stock?.pusher,
    });
    if (sink) stockSinks.push(sink);
  }
  const schedules = createPollScheduleRepository(infra.db);
  const pollers = polledSourceConnectors().map((connector) =>
    startSourcePoller(connector, {
      connections,
      schedules,
      intake: { bus: infra.bus, inbox, journey, topicPrefix: infra.topicPrefix },
      metrics: infra.metrics,
      log: logFor(`connector-${connector.system}`),
      ...infra.poller,
    }),
  );
  // Products flow back too: a product sync runner per shop that takes products (issue 11).
  const productSyncs = sourceConnectors.flatMap((connector) => {
    const runner = startProductSyncRole(connector, {
      db: infra.db,
      connections,
      metrics: infra.metrics,
      log: logFor(`connector-${connector.system}`),
    });
    return runner ? [runner] : [];
  });
  return {
    ingestApp,
    connections,
    stock: { readers: stockReaders, sinks: stockSinks },
    async stop() {
      for (const reader of stockReaders) await reader.stop();
      for (const productSync of productSyncs) await productSync.stop();
      for (const poller of pollers) await poller.stop();
      for (const sink of stockSinks) await sink.stop();
      for (const s of subscriptions) await s.stop();
      await ingestApp.close();
      await cache?.stop();
    },
  };
}
