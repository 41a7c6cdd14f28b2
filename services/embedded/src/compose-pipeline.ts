import {
  type ConnectionRepository,
  type CredentialCipher,
  createConnectionRepository,
  createCustomerRepository,
  createInboxRepository,
  createJourneyRepository,
  type Database,
} from '@koppel/db';
import { startAsperionConnector } from '@koppel/connector-asperion-service';
import { startCustomerRegistry } from '@koppel/customer-registry';
import { startDelivery } from '@koppel/delivery';
import { buildIngestApp } from '@koppel/ingest';
import type { MessageBus, RetryPolicy, Subscription } from '@koppel/kafka';
import { startMapping } from '@koppel/mapping';
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
  /** Retry policy of the target connector (tests shorten it). */
  deliveryRetry?: RetryPolicy;
  /** Client-side Asperion rate limit per connection (tests and benchmarks raise it). */
  asperionRateLimit?: { requestsPerSecond: number; burst: number };
  /** Leave the Asperion connector out (tests run it as its own process). */
  withoutAsperionConnector?: boolean;
};

export type RunningPipeline = {
  ingestApp: FastifyInstance;
  connections: ConnectionRepository;
  stop(): Promise<void>;
};

/**
 * Composes every core service and the Asperion connector over one bus and one database. The
 * embedded one-process mode runs it on PGlite and the embedded log; the end-to-end tests and
 * the benchmark run it on real Kafka and Postgres. Each piece is the deployable's own code.
 */
export async function startPipeline(infra: PipelineInfrastructure): Promise<RunningPipeline> {
  const connections = createConnectionRepository(infra.db, infra.cipher);
  const journey = createJourneyRepository(infra.db);
  const ingestApp = await buildIngestApp({
    bus: infra.bus,
    connections,
    inbox: createInboxRepository(infra.db),
    journey,
    cipher: infra.cipher,
    topicPrefix: infra.topicPrefix,
    registry: infra.metrics.registry,
    readiness: infra.readiness,
    ...(infra.logLevel ? { logLevel: infra.logLevel } : {}),
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
  if (!infra.withoutAsperionConnector) {
    subscriptions.push(
      await startAsperionConnector({
        ...shared,
        log: logFor('connector-asperion'),
        db: infra.db,
        connections,
        ...(infra.deliveryRetry ? { retry: infra.deliveryRetry } : {}),
        ...(infra.asperionRateLimit ? { rateLimit: infra.asperionRateLimit } : {}),
      }),
    );
  }
  return {
    ingestApp,
    connections,
    async stop() {
      for (const s of subscriptions) await s.stop();
      await ingestApp.close();
    },
  };
}
