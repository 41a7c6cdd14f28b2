import { EventEmitter } from 'node:events';
import type { TopicSpec } from '@koppel/contracts';
import type { Kysely } from 'kysely';
import { createKeyOrderedRunner } from '../kafkajs/key-ordered-runner.js';
import { createOffsetTracker } from '../kafkajs/offset-tracker.js';
import type { MessageBus, OutgoingMessage, SubscribeOptions, Subscription } from '../message-bus.js';
import { createEmbeddedPublisher } from './embedded-publisher.js';

/** Records of different keys of one poll handled at once (as the Kafka bus does per partition). */
const DEFAULT_CONCURRENCY = 16;

/** The two tables the embedded bus needs (created by @koppel/db's migrations). */
export type EmbeddedBusDatabase = {
  bus_records: {
    offset: import('kysely').Generated<string>;
    topic: string;
    key: string;
    value: Uint8Array;
    headers: import('kysely').JSONColumnType<Record<string, string>>;
    created_at: import('kysely').Generated<Date>;
  };
  bus_offsets: { group_id: string; topic: string; committed_offset: string };
};

export type EmbeddedBusOptions = {
  /** How often an idle subscriber looks for records published by another process. */
  pollIntervalMs?: number;
  /**
   * How long a woken subscriber waits before it reads (default 5 ms), so records published
   * together (a burst of webhooks, one stage's output) are read in one poll rather than one each.
   */
  lingerMs?: number;
  batchSize?: number;
  /** Records of different keys of one poll handled at once (default 16); one key's run in order. */
  concurrency?: number;
  onHandlerError?: (error: unknown, topic: string) => void;
};

/**
 * The topic interface on a table-backed log in Postgres, for the one-process default: a
 * record is durable once its INSERT committed, and each consumer group's position is a row,
 * so accepted messages survive a restart. One ordered log per topic (a single partition).
 *
 * Batches as the Kafka bus does: a subscriber reads up to `batchSize` records per poll and runs
 * records of different keys concurrently (one key's in order), so their journey rows and
 * publishes share statements (group commit); the poll's position is committed once, after its
 * records finished, up to the last record before the first unfinished one.
 */
export function createEmbeddedBus<DB extends EmbeddedBusDatabase>(
  database: Kysely<DB>,
  options: EmbeddedBusOptions = {},
): MessageBus {
  const db = database as unknown as Kysely<EmbeddedBusDatabase>;
  const wake = new EventEmitter();
  wake.setMaxListeners(100);
  const subscriptions = new Set<Subscription>();
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const lingerMs = options.lingerMs ?? 5;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const publish = createEmbeddedPublisher(db, (topics) => {
    for (const topic of topics) wake.emit(topic);
  });

  async function committedOffset(groupId: string, topic: string): Promise<string> {
    const row = await db
      .selectFrom('bus_offsets')
      .select('committed_offset')
      .where('group_id', '=', groupId)
      .where('topic', '=', topic)
      .executeTakeFirst();
    return row ? String(row.committed_offset) : '0';
  }

  async function commit(groupId: string, topic: string, offset: string): Promise<void> {
    await db
      .insertInto('bus_offsets')
      .values({ group_id: groupId, topic, committed_offset: offset })
      .onConflict((oc) => oc.columns(['group_id', 'topic']).doUpdateSet({ committed_offset: offset }))
      .execute();
  }

  return {
    kind: 'embedded',
    async ensureTopics(_specs: readonly TopicSpec[]) {
      // Topics are rows in one table; nothing to create.
    },

    async publish(topic: string, messages: OutgoingMessage[]) {
      await publish(topic, messages);
    },

    async subscribe({ groupId, topic, handler }: SubscribeOptions): Promise<Subscription> {
      let running = true;
      let wakeUp: (() => void) | undefined;
      const onWake = () => wakeUp?.();
      wake.on(topic, onWake);
      const idle = () =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollIntervalMs);
          wakeUp = () => {
            clearTimeout(timer);
            wakeUp = undefined;
            setTimeout(resolve, running ? lingerMs : 0);
          };
        });

      // The group's position, read once: in the one-process mode this subscription is the only
      // one that moves it, so it need not be read again before every poll.
      let position: string | undefined;
      const loop = (async () => {
        while (running) {
          try {
            position ??= await committedOffset(groupId, topic);
            const from = position;
            const records = await db
              .selectFrom('bus_records')
              .selectAll()
              .where('topic', '=', topic)
              .where('offset', '>', from)
              .orderBy('offset')
              .limit(batchSize)
              .execute();
            const runner = createKeyOrderedRunner(concurrency);
            const tracker = createOffsetTracker();
            try {
              for (const record of records) {
                if (!running || runner.failed) break;
                const offset = String(record.offset);
                tracker.start(offset);
                await runner.submit(record.key, async () => {
                  await handler(
                    {
                      topic,
                      partition: 0,
                      offset,
                      key: record.key,
                      value: new Uint8Array(record.value),
                      headers: record.headers,
                    },
                    async () => {},
                  );
                  tracker.finish(offset);
                });
              }
              // A failure is rethrown once the other records settled; a stop lets them finish.
              await runner.drain();
            } finally {
              // Once per poll, and only the finished prefix: a later poll starts after it.
              if (tracker.committable !== undefined) {
                await commit(groupId, topic, tracker.committable);
                position = tracker.committable;
              }
            }
            if (records.length < batchSize) await idle();
          } catch (error) {
            options.onHandlerError?.(error, topic);
            if (running) await idle();
          }
        }
      })();

      const subscription: Subscription = {
        async stop() {
          running = false;
          wake.off(topic, onWake);
          wakeUp?.();
          await loop;
          subscriptions.delete(subscription);
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },

    async ping() {
      try {
        await db.selectFrom('bus_offsets').select('topic').limit(1).execute();
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
    },
  };
}
