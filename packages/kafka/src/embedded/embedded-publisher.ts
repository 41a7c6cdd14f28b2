import { type Kysely, sql } from 'kysely';
import type { OutgoingMessage } from '../message-bus.js';
import type { EmbeddedBusDatabase } from './embedded-bus.js';

/** Advisory lock key serialising embedded-bus publishers (any fixed bigint unique to this use). */
const PUBLISH_LOCK_KEY = 4_711_001;
/** Publishes written together at most (a stage publishes one record per input record). */
const MAX_PUBLISHES_PER_WRITE = 1000;

type Pending = {
  topic: string;
  messages: OutgoingMessage[];
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * Publishes to the table-backed log with group commit: publishes that arrive while one is being
 * written leave together as one transaction with one multi-row INSERT (the outputs of a consumer's
 * batch share a round trip), as the Kafka bus does with one `sendBatch`. Each caller resolves once
 * its records are committed. Records keep call order, so one key's records keep their order.
 * If a grouped write fails, each publish is written alone, so one bad record fails only its caller.
 */
export function createEmbeddedPublisher(
  db: Kysely<EmbeddedBusDatabase>,
  onPublished: (topics: Set<string>) => void,
) {
  let pending: Pending[] = [];
  let flushing = false;

  async function write(batch: Pending[]): Promise<void> {
    // An offset is drawn from the sequence at INSERT, not at commit: two publishers (two
    // processes, or two pool connections) could commit out of offset order, and a consumer
    // already past the higher offset would skip the lower one forever. Publishers take turns
    // under a transaction-scoped advisory lock, so records become visible in offset order.
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_KEY})`.execute(trx);
      await trx
        .insertInto('bus_records')
        .values(
          batch.flatMap((item) =>
            item.messages.map((m) => ({
              topic: item.topic,
              key: m.key,
              value: m.value,
              headers: JSON.stringify(m.headers ?? {}),
            })),
          ),
        )
        .execute();
    });
    onPublished(new Set(batch.map((item) => item.topic)));
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (pending.length > 0) {
        // Bounded, so one statement stays far below Postgres' 65,535 parameters.
        const batch = pending.slice(0, MAX_PUBLISHES_PER_WRITE);
        pending = pending.slice(batch.length);
        try {
          await write(batch);
          for (const item of batch) item.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const item of batch) await write([item]).then(item.resolve, item.reject);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return function publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      pending.push({ topic, messages, resolve, reject });
      if (!flushing) void flush();
    });
  };
}
