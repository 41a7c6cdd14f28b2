/**
 * One replica of every stage (ingest, mapping, customer-registry, delivery, every target
 * connector, every poller) in its own OS process, on the real broker and database the parent
 * test gives it by env. Prints `READY <ingest url>` once it listens; stops cleanly on SIGTERM.
 */
import { createCredentialCipher, createPostgresDatabase } from '@koppel/db';
import { createKafkaBus } from '@koppel/kafka';
import { createMetricsRegistry } from '@koppel/telemetry';
import { z } from 'zod';
import { startPipeline } from '../../src/compose-pipeline.js';

const env = z
  .object({
    KAFKA_BROKERS: z.string().min(1),
    DATABASE_URL: z.string().min(1),
    TOPIC_PREFIX: z.string().min(1),
    CREDENTIALS_KEY: z.string().regex(/^[0-9a-f]{64}$/),
    REPLICA_NAME: z.string().min(1),
  })
  .parse(process.env);

const database = createPostgresDatabase(env.DATABASE_URL, { maxConnections: 8 });
const bus = createKafkaBus({
  brokers: env.KAFKA_BROKERS.split(','),
  clientId: `replica-${env.REPLICA_NAME}`,
});
const pipeline = await startPipeline({
  bus,
  db: database.db,
  cipher: createCredentialCipher(Buffer.from(env.CREDENTIALS_KEY, 'hex')),
  metrics: createMetricsRegistry(`replica-${env.REPLICA_NAME}`),
  topicPrefix: env.TOPIC_PREFIX,
  readiness: {},
  logLevel: 'warn',
  deliveryRetry: { maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 1000 },
});
const url = await pipeline.ingestApp.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${url}\n`);

process.once('SIGTERM', async () => {
  await pipeline.stop();
  await bus.close();
  await database.close();
  process.exit(0);
});
