import type { TopicSpec } from '@koppel/contracts';
import { type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type {
  IncomingMessage,
  MessageBus,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from '../message-bus.js';
import { createGroupCommitSender } from './group-commit.js';
import { toHeaderRecord } from './headers.js';
import { retryWhileMetadataSettles } from './retry-metadata.js';
import { withKeepAlive } from './keep-alive.js';
import { createKeyOrderedRunner } from './key-ordered-runner.js';
import { createOffsetTracker } from './offset-tracker.js';

/** Group heartbeat, also sent while a slow handler runs (session timeout 30 s). */
const HEARTBEAT_INTERVAL_MS = 3000;
/** Records of different keys of one partition handled at once. */
const DEFAULT_CONCURRENCY_PER_PARTITION = 16;
/** Partitions of one consumer handled at once (kafkajs `partitionsConsumedConcurrently`). */
const DEFAULT_PARTITIONS_CONCURRENTLY = 6;

export type KafkaBusOptions = {
  brokers: string[];
  clientId: string;
  /** Replication factor for created topics (1 on a single-node dev broker). */
  replicationFactor?: number;
  /** Records of different keys of one partition handled at once (default 16). */
  concurrencyPerPartition?: number;
  /** Partitions handled at once per consumer (default 6). */
  partitionsConsumedConcurrently?: number;
};

/**
 * kafkajs implementation. The producer is idempotent (exactly-once per partition within a
 * producer session) and waits for all in-sync replicas (`acks: -1`). Consumers handle
 * partitions concurrently and, within a partition, records of different keys concurrently
 * (bounded) while one key's records run in order; an offset is resolved only once every record
 * before it finished, the group heartbeats while work runs, and a stop or rebalance lets
 * in-flight records finish and commits exactly the finished prefix.
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
          // kafkajs' own wait for leaders tolerates LEADER_NOT_AVAILABLE only; a broker still
          // settling its metadata answers UNKNOWN_TOPIC_OR_PARTITION for a moment, which it threw.
          await admin.createTopics({
            waitForLeaders: false,
            topics: missing.map((s) => ({
              topic: `${prefix}${s.name}`,
              numPartitions: s.partitions,
              replicationFactor: options.replicationFactor ?? 1,
              configEntries: [{ name: 'retention.ms', value: String(s.retentionMs) }],
            })),
          });
          // Wait until metadata of every new topic answers with a leader for each partition, so
          // the first subscribe or send does not race the controller (retried while retriable).
          const names = missing.map((s) => `${prefix}${s.name}`);
          await retryWhileMetadataSettles(async () => {
            const { topics } = await admin.fetchTopicMetadata({ topics: names });
            if (topics.some((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0))) {
              throw Object.assign(new Error(`topics ${names.join(', ')} have no leader yet`), {
                retriable: true,
              });
            }
          });
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
      const perPartition = options.concurrencyPerPartition ?? DEFAULT_CONCURRENCY_PER_PARTITION;
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: 1000,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently:
          options.partitionsConsumedConcurrently ?? DEFAULT_PARTITIONS_CONCURRENTLY,
        eachBatch: async ({
          batch,
          resolveOffset,
          heartbeat,
          commitOffsetsIfNecessary,
          isRunning,
          isStale,
        }) => {
          const tracker = createOffsetTracker();
          const runner = createKeyOrderedRunner(perPartition);
          await withKeepAlive(heartbeat, HEARTBEAT_INTERVAL_MS, async () => {
            for (const message of batch.messages) {
              if (!isRunning() || isStale() || runner.failed) break;
              const incoming: IncomingMessage = {
                topic: batch.topic,
                partition: batch.partition,
                offset: message.offset,
                key: message.key?.toString('utf8') ?? '',
                value: message.value ? new Uint8Array(message.value) : new Uint8Array(),
                headers: toHeaderRecord(message.headers),
              };
              tracker.start(message.offset);
              await runner.submit(incoming.key, async () => {
                await subscribeOptions.handler(incoming, heartbeat);
                // Only the contiguous finished prefix is resolved: a commit means "all before
                // this is done", and a lower record of another key may still be running.
                const prefix = tracker.finish(message.offset);
                if (prefix !== undefined && !isStale()) resolveOffset(prefix);
              });
              await commitOffsetsIfNecessary();
            }
            // A stop or rebalance lets in-flight records finish; nothing past the finished
            // prefix was resolved, so nothing beyond it is committed. A handler failure is
            // rethrown after the others settled (kafkajs then re-fetches from the commit).
            await runner.drain();
          });
          await commitOffsetsIfNecessary();
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
