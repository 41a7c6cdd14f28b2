import { type Admin, Kafka, logLevel } from 'kafkajs';
import type { MessageBus } from '../message-bus.js';

/** Records of one partition a consumer group has not committed yet. */
export type ConsumerLag = { group: string; topic: string; partition: number; lag: number };

export type ConsumerLagReader = {
  /** The lag of every group/topic this process subscribed to through `trackSubscriptions`. */
  read(): Promise<ConsumerLag[]>;
  /** Wraps a bus so each `subscribe` adds its group and topic to what `read` reports. */
  trackSubscriptions(bus: MessageBus): MessageBus;
  close(): Promise<void>;
};

/**
 * Consumer lag read from the broker through the admin API, as kafka-consumer-groups.sh does:
 * per partition, the high watermark minus the group's committed offset (the low watermark when
 * nothing is committed yet). Read on demand (a metrics scrape), not by the consumers, so a
 * stalled consumer's lag still grows. Kafka: https://kafka.apache.org/documentation/#basic_ops_consumer_lag
 */
export function createConsumerLagReader(options: { brokers: string[]; clientId: string }): ConsumerLagReader {
  const kafka = new Kafka({
    clientId: `${options.clientId}-lag`,
    brokers: options.brokers,
    logLevel: logLevel.NOTHING,
  });
  const tracked = new Map<string, { group: string; topic: string }>();
  let admin: Promise<Admin> | undefined;

  function connected(): Promise<Admin> {
    admin ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      return client;
    })().catch((error: unknown) => {
      admin = undefined;
      throw error;
    });
    return admin;
  }

  async function lagOf(client: Admin, group: string, topic: string): Promise<ConsumerLag[]> {
    const [ends, committed] = await Promise.all([
      client.fetchTopicOffsets(topic),
      client.fetchOffsets({ groupId: group, topics: [topic] }),
    ]);
    const committedBy = new Map(
      (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [
        p.partition,
        Number(p.offset),
      ]),
    );
    return ends.map((end) => {
      const high = Number(end.high);
      const at = committedBy.get(end.partition) ?? -1;
      const from = at >= 0 ? at : Number(end.low);
      return { group, topic, partition: end.partition, lag: Math.max(0, high - from) };
    });
  }

  return {
    async read() {
      if (tracked.size === 0) return [];
      const client = await connected();
      const all = await Promise.all(
        [...tracked.values()].map(({ group, topic }) => lagOf(client, group, topic)),
      );
      return all.flat();
    },
    trackSubscriptions(bus) {
      return {
        ...bus,
        async subscribe(subscribeOptions) {
          const subscription = await bus.subscribe(subscribeOptions);
          const id = `${subscribeOptions.groupId}\u0000${subscribeOptions.topic}`;
          tracked.set(id, { group: subscribeOptions.groupId, topic: subscribeOptions.topic });
          return {
            async stop() {
              tracked.delete(id);
              await subscription.stop();
            },
          };
        },
      };
    },
    async close() {
      const pending = admin;
      admin = undefined;
      if (pending) await (await pending.catch(() => undefined))?.disconnect();
    },
  };
}
