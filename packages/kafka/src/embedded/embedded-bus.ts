import { EventEmitter } from 'node:events';
import type { TopicSpec } from '@koppel/contracts';
import { type Kysely, sql } from 'kysely';
import type { MessageBus, OutgoingMessage, SubscribeOptions, Subscription } from '../message-bus.js';

/** Advisory lock key serialising embedded-bus publishers (any fixed bigint unique to this use). */
const PUBLISH_LOCK_KEY = 4_711_001;

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
  batchSize?: number;
  onHandlerError?: (error: unknown, topic: string) => void;
};

/**
 * The topic interface on a table-backed log in Postgres, for the one-process default: a
 * record is durable once its INSERT committed, and each consumer group's position is a row,
 * so accepted messages survive a restart. One ordered log per topic (a single partition).
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
  const batchSize = options.batchSize ?? 50;

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
      if (messages.length === 0) return;
      // An offset is drawn from the sequence at INSERT, not at commit: two publishers (two
      // processes, or two pool connections) could commit out of offset order, and a consumer
      // already past the higher offset would skip the lower one forever. Publishers take turns
      // under a transaction-scoped advisory lock, so records become visible in offset order.
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_KEY})`.execute(trx);
        await trx
          .insertInto('bus_records')
          .values(
            messages.map((m) => ({
              topic,
              key: m.key,
              value: m.value,
              headers: JSON.stringify(m.headers ?? {}),
            })),
          )
          .execute();
      });
      wake.emit(topic);
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
            resolve();
          };
        });

      const loop = (async () => {
        while (running) {
          try {
            const from = await committedOffset(groupId, topic);
            const records = await db
              .selectFrom('bus_records')
              .selectAll()
              .where('topic', '=', topic)
              .where('offset', '>', from)
              .orderBy('offset')
              .limit(batchSize)
              .execute();
            for (const record of records) {
              if (!running) break;
              await handler(
                {
                  topic,
                  partition: 0,
                  offset: String(record.offset),
                  key: record.key,
                  value: new Uint8Array(record.value),
                  headers: record.headers,
                },
                async () => {},
              );
              await commit(groupId, topic, String(record.offset));
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
