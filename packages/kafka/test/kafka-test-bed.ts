import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from '@koppel/db';
import { createMigratedEmbeddedDatabase } from '@koppel/db/testing';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import type { Test } from 'tap';
import type { IncomingMessage, MessageBus, MessageHandler } from '../src/index.js';
import { createEmbeddedBus, createKafkaBus } from '../src/index.js';

export type KafkaTestBed = {
  bus: MessageBus;
  admin: Admin;
  /** Unique per test: every topic and group id of the test starts with it. */
  prefix: string;
  brokers: string[];
};

/** A Kafka bus and admin on the real broker; topics under this test's prefix are deleted after. */
export async function openKafkaTestBed(t: Test): Promise<KafkaTestBed> {
  const infra = await resolveInfrastructure();
  const runId = uniqueRunId();
  const prefix = `test.${runId}.`;
  const clientId = `koppel-kafka-test-${runId}`;
  const admin = new Kafka({ clientId, brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const bus = createKafkaBus({ brokers: infra.kafkaBrokers, clientId });
  t.teardown(async () => {
    await bus.close();
    const mine = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  });
  return { bus, admin, prefix, brokers: infra.kafkaBrokers };
}

/** A fresh isolated Postgres database on the real server, dropped after the test. */
export async function openIsolatedDatabaseUrl(t: Test): Promise<string> {
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  t.teardown(() => isolated.drop());
  return isolated.url;
}

/** A handler that records every message, and a way to wait until enough have arrived. */
export function recorder(onMessage?: (message: IncomingMessage, count: number) => void) {
  const received: IncomingMessage[] = [];
  const handler: MessageHandler = async (message) => {
    received.push(message);
    onMessage?.(message, received.length);
  };
  return { received, handler };
}

/** Polls until `done()` holds; fails loudly with `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  done: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Embedded bus over PGlite in the test's fixture dir, migrated by @koppel/db. */
export async function openEmbeddedBusOnPglite(
  t: Test,
): Promise<{ bus: MessageBus; prefix: string; db: DatabaseHandle['db'] }> {
  const database = await createMigratedEmbeddedDatabase(t.testdir());
  const bus = createEmbeddedBus(database.db, { pollIntervalMs: 50 });
  t.teardown(async () => {
    await bus.close();
    await database.close();
  });
  return { bus, prefix: `test.${uniqueRunId()}.`, db: database.db };
}
