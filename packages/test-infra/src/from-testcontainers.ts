import type { Infrastructure } from './infrastructure.js';

const KAFKA_IMAGE = 'apache/kafka:3.9.1';
const POSTGRES_IMAGE = 'postgres:15-alpine';

/**
 * Starts Kafka (KRaft) and Postgres containers, reaped by testcontainers' Ryuk when the process
 * ends. Imported lazily: only machines with a Docker engine load these modules.
 */
export async function infrastructureFromTestcontainers(): Promise<Infrastructure> {
  const [{ KafkaContainer }, { PostgreSqlContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/postgresql'),
  ]);
  const [kafka, postgres] = await Promise.all([
    new KafkaContainer(KAFKA_IMAGE)
      .withKraft()
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
      .start(),
    new PostgreSqlContainer(POSTGRES_IMAGE)
      .withUsername('koppel')
      .withPassword('koppel')
      .withDatabase('koppel')
      .start(),
  ]);
  return {
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
    databaseUrl: postgres.getConnectionUri(),
    origin: 'testcontainers',
  };
}
