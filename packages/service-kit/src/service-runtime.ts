import type { BaseServiceEnv } from '@koppel/config';
import { pipelineTopics } from '@koppel/connector-registry';
import type { TopicSpec } from '@koppel/contracts';
import { createPostgresDatabase, type DatabaseHandle, migrateToLatest } from '@koppel/db';
import { createConsumerLagReader, createKafkaBus, type MessageBus } from '@koppel/kafka';
import { createMetricsRegistry, type ServiceMetrics } from '@koppel/telemetry';

export type ServiceRuntime = {
  database: DatabaseHandle;
  bus: MessageBus;
  metrics: ServiceMetrics;
  topicPrefix: string;
  readiness: { kafka: () => Promise<boolean>; database: () => Promise<boolean> };
  close(): Promise<void>;
};

/**
 * What a deployable needs from the outside world, built from its parsed config: Postgres
 * (migrated), Kafka (topics ensured), metrics. main.ts calls this once; tests build the same
 * pieces themselves against the real broker and database.
 */
export async function createServiceRuntime(
  serviceName: string,
  config: Pick<BaseServiceEnv, 'DATABASE_URL' | 'KAFKA_BROKERS' | 'TOPIC_PREFIX'>,
  options: { topics?: readonly TopicSpec[]; migrate?: boolean } = {},
): Promise<ServiceRuntime> {
  const database = createPostgresDatabase(config.DATABASE_URL);
  if (options.migrate ?? true) await migrateToLatest(database.db);
  const clientId = `koppel-${serviceName}`;
  // Every subscription's lag per partition is read from the broker at scrape time.
  const lag = createConsumerLagReader({ brokers: config.KAFKA_BROKERS, clientId });
  const bus = lag.trackSubscriptions(createKafkaBus({ brokers: config.KAFKA_BROKERS, clientId }));
  await bus.ensureTopics(options.topics ?? pipelineTopics(), config.TOPIC_PREFIX);
  const metrics = createMetricsRegistry(serviceName);
  metrics.watchConsumerLag(() => lag.read());
  return {
    database,
    bus,
    metrics,
    topicPrefix: config.TOPIC_PREFIX,
    readiness: { kafka: () => bus.ping(), database: () => database.ping() },
    async close() {
      await lag.close();
      await bus.close();
      await database.close();
    },
  };
}
