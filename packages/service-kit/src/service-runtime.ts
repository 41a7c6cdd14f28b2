import type { BaseServiceEnv } from '@koppel/config';
import { pipelineTopics } from '@koppel/connector-registry';
import type { TopicSpec } from '@koppel/contracts';
import { createPostgresDatabase, type DatabaseHandle, migrateToLatest, waitForMigrations } from '@koppel/db';
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
  config: Pick<BaseServiceEnv, 'DATABASE_URL' | 'KAFKA_BROKERS' | 'TOPIC_PREFIX'> &
    Partial<Pick<BaseServiceEnv, 'MIGRATE_ON_START' | 'MIGRATION_WAIT_MS'>>,
  options: { topics?: readonly TopicSpec[]; migrate?: boolean; log?: (message: string) => void } = {},
): Promise<ServiceRuntime> {
  const database = createPostgresDatabase(config.DATABASE_URL);
  if (options.migrate ?? config.MIGRATE_ON_START ?? true) await migrateToLatest(database.db);
  // The chart's migrations Job applies them; this deployable waits until the schema is current.
  else
    await waitForMigrations(database.db, {
      timeoutMs: config.MIGRATION_WAIT_MS ?? 300_000,
      onWait: (pending) => options.log?.(`waiting for database migrations: ${pending.join(', ')}`),
    });
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
