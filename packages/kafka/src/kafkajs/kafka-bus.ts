import type { TopicSpec } from '@koppel/contracts';
import { type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { MessageBus, OutgoingMessage, SubscribeOptions, Subscription } from '../message-bus.js';
import { createGroupCommitSender } from './group-commit.js';
import { toHeaderRecord } from './headers.js';
import { retryWhileMetadataSettles } from './retry-metadata.js';
import { withKeepAlive } from './keep-alive.js';

/** Group heartbeat, also sent while a slow handler runs (session timeout 30 s). */
const HEARTBEAT_INTERVAL_MS = 3000;

export type KafkaBusOptions = {
  brokers: string[];
  clientId: string;
  /** Replication factor for created topics (1 on a single-node dev broker). */
  replicationFactor?: number;
};

/**
 * kafkajs implementation. The producer is idempotent (exactly-once per partition within a
 * producer session) and waits for all in-sync replicas (`acks: -1`). Consumers process a
 * batch one record at a time, resolve each offset after its handler succeeded, heartbeat
 * between records, and commit resolved offsets; a stop or rebalance commits exactly what was
 * processed.
 */
export function createKafkaBus(options: KafkaBusOptions): MessageBus {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
  });
  let producer: Producer | undefined;
  let producerReady: Promise<Producer> | undefined;
  const consumers = new Set<Consumer>();
  const sendGrouped = createGroupCommitSender(() => getProducer());

  async function getProducer(): Promise<Producer> {
    if (producer) return producer;
    producerReady ??= (async () => {
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await p.connect();
      producer = p;
      return p;
    })();
    try {
      return await producerReady;
    } catch (error) {
      producerReady = undefined;
      throw error;
    }
  }

  return {
    kind: 'kafka',
    async ensureTopics(specs: readonly TopicSpec[], prefix = '') {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const missing = specs.filter((s) => !existing.has(`${prefix}${s.name}`));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((s) => ({
              topic: `${prefix}${s.name}`,
              numPartitions: s.partitions,
              replicationFactor: options.replicationFactor ?? 1,
              configEntries: [{ name: 'retention.ms', value: String(s.retentionMs) }],
            })),
          });
          // createTopics returns once leaders exist; wait until metadata for every new topic
          // answers too, so the first subscribe or send does not race the controller.
          const names = missing.map((s) => `${prefix}${s.name}`);
          await retryWhileMetadataSettles(() => admin.fetchTopicMetadata({ topics: names }));
        }
      } finally {
        await admin.disconnect();
      }
    },

    async publish(topic: string, messages: OutgoingMessage[]) {
      if (messages.length === 0) return;
      await sendGrouped(
        topic,
        messages.map((m) => ({ key: m.key, value: Buffer.from(m.value), headers: m.headers ?? {} })),
      );
    },

    async subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
      const consumer = kafka.consumer({
        groupId: subscribeOptions.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: 30000,
        heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      });
      consumers.add(consumer);
      await consumer.connect();
      await retryWhileMetadataSettles(() =>
        consumer.subscribe({
          topic: subscribeOptions.topic,
          fromBeginning: subscribeOptions.fromBeginning ?? true,
        }),
      );
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: 1000,
        eachBatchAutoResolve: false,
        eachBatch: async ({
          batch,
          resolveOffset,
          heartbeat,
          commitOffsetsIfNecessary,
          isRunning,
          isStale,
        }) => {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            await withKeepAlive(heartbeat, HEARTBEAT_INTERVAL_MS, () =>
              subscribeOptions.handler(
                {
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: message.offset,
                  key: message.key?.toString('utf8') ?? '',
                  value: message.value ? new Uint8Array(message.value) : new Uint8Array(),
                  headers: toHeaderRecord(message.headers),
                },
                heartbeat,
              ),
            );
            resolveOffset(message.offset);
            await commitOffsetsIfNecessary();
            await heartbeat();
          }
        },
      });
      return {
        async stop() {
          consumers.delete(consumer);
          await consumer.disconnect();
        },
      };
    },

    async ping() {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.listTopics();
        return true;
      } catch {
        return false;
      } finally {
        await admin.disconnect().catch(() => {});
      }
    },

    async close() {
      for (const c of consumers) await c.disconnect().catch(() => {});
      consumers.clear();
      if (producer) await producer.disconnect();
      producer = undefined;
      producerReady = undefined;
    },
  };
}
