import { setTimeout as sleep } from 'node:timers/promises';
import {
  createEmbeddedDatabase,
  createPostgresDatabase,
  type DatabaseHandle,
  migrateToLatest,
} from '@koppel/db';
import { createMigratedEmbeddedDatabase, seedMigratedEmbeddedDirectory } from '@koppel/db/testing';
import t, { type Test } from 'tap';
import {
  createEmbeddedBus,
  type EmbeddedBusOptions,
  type MessageBus,
  readEmbeddedConsumerLag,
} from '../src/index.js';
import { bytes, openIsolatedDatabaseUrl, recorder, waitUntil } from './kafka-test-bed.js';

const text = (value: Uint8Array) => new TextDecoder().decode(value);

/** Opens the same database again and again, as a restarted process would. */
type Reopenable = { open(): Promise<DatabaseHandle> };

const engines: Record<string, (t: Test) => Promise<Reopenable>> = {
  pglite: async (t) => {
    // Seeded from the migrated template (a fresh PGlite's initdb is seconds of CPU per test).
    const dataDir = t.testdir();
    await seedMigratedEmbeddedDirectory(dataDir);
    return { open: () => createEmbeddedDatabase(dataDir) };
  },
  postgres: async (t) => {
    const url = await openIsolatedDatabaseUrl(t);
    return { open: async () => createPostgresDatabase(url) };
  },
};

/** One "process": a database handle and a bus on it, both closed by `close` or at teardown. */
async function start(t: Test, engine: Reopenable, options: EmbeddedBusOptions = {}) {
  const database = await engine.open();
  await migrateToLatest(database.db);
  const bus: MessageBus = createEmbeddedBus(database.db, { pollIntervalMs: 50, ...options });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await bus.close();
    await database.close();
  };
  t.teardown(close);
  return { bus, database, close };
}

for (const [name, engineFor] of Object.entries(engines)) {
  t.test(`${name}: round trip keeps key, value bytes and headers, in publish order`, async (t) => {
    const { bus } = await start(t, await engineFor(t));
    t.equal(bus.kind, 'embedded');
    t.equal(await bus.ping(), true);
    await bus.ensureTopics([{ name: 'orders.raw', partitions: 6, retentionMs: 1 }]);
    const binary = new Uint8Array([0, 1, 2, 127, 128, 254, 255, 0]);
    await bus.publish('orders.raw', [
      {
        key: 'conn:1',
        value: binary,
        headers: { 'content-type': 'application/x-protobuf', traceparent: 'x' },
      },
      { key: 'conn:2', value: bytes('árvíztűrő') },
    ]);
    await bus.publish('other.topic', [{ key: 'elsewhere', value: bytes('no') }]);
    await bus.publish('orders.raw', [{ key: 'conn:3', value: new Uint8Array() }]);
    const { received, handler } = recorder();
    const subscription = await bus.subscribe({ groupId: 'g', topic: 'orders.raw', handler });
    await waitUntil('three records', () => received.length >= 3);
    await sleep(200);
    await subscription.stop();
    t.same(
      received.map((m) => m.key),
      ['conn:1', 'conn:2', 'conn:3'],
      'only this topic, in order',
    );
    t.same(Buffer.from(received[0]?.value ?? []), Buffer.from(binary));
    t.same(received[0]?.headers, { 'content-type': 'application/x-protobuf', traceparent: 'x' });
    t.equal(text(received[1]?.value ?? new Uint8Array()), 'árvíztűrő');
    t.same(received[1]?.headers, {});
    t.equal(received[2]?.value.length, 0);
    t.match(received[0], { topic: 'orders.raw', partition: 0, offset: /^\d+$/ });
    const offsets = received.map((m) => BigInt(m.offset));
    t.same(
      offsets,
      [...offsets].sort((a, b) => (a < b ? -1 : 1)),
      'offsets increase',
    );
    t.equal(new Set(offsets).size, 3);
  });

  t.test(`${name}: a live subscriber is woken by a publish`, async (t) => {
    const { bus } = await start(t, await engineFor(t));
    const { received, handler } = recorder();
    const subscription = await bus.subscribe({ groupId: 'live', topic: 'live', handler });
    t.teardown(() => subscription.stop());
    await sleep(100);
    await bus.publish('live', [{ key: 'a', value: bytes('1') }]);
    await waitUntil('the record', () => received.length === 1, 5000);
    await bus.publish('live', [{ key: 'b', value: bytes('2') }]);
    await waitUntil('the second record', () => received.length === 2, 5000);
    t.same(
      received.map((m) => m.key),
      ['a', 'b'],
    );
  });

  t.test(`${name}: accepted records survive a restart; committed ones are not redelivered`, async (t) => {
    const engine = await engineFor(t);
    const first = await start(t, engine);
    await first.bus.publish(
      'orders.raw',
      Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: bytes(String(i)) })),
    );
    const firstRun = recorder();
    const subscription = await first.bus.subscribe({
      groupId: 'mapping',
      topic: 'orders.raw',
      handler: firstRun.handler,
    });
    await waitUntil('five records', () => firstRun.received.length >= 5);
    await subscription.stop();
    await first.bus.publish('orders.raw', [
      { key: 'k5', value: bytes('5') },
      { key: 'k6', value: bytes('6') },
    ]);
    await first.close();

    const second = await start(t, engine);
    const secondRun = recorder();
    const again = await second.bus.subscribe({
      groupId: 'mapping',
      topic: 'orders.raw',
      handler: secondRun.handler,
    });
    const fresh = recorder();
    const newGroup = await second.bus.subscribe({
      groupId: 'audit',
      topic: 'orders.raw',
      handler: fresh.handler,
    });
    await waitUntil('the two new records', () => secondRun.received.length >= 2);
    await waitUntil('a new group reads everything', () => fresh.received.length >= 7);
    await sleep(300);
    await again.stop();
    await newGroup.stop();
    t.same(
      firstRun.received.map((m) => text(m.value)),
      ['0', '1', '2', '3', '4'],
    );
    t.same(
      secondRun.received.map((m) => text(m.value)),
      ['5', '6'],
      'after the restart: only what was never committed',
    );
    t.same(
      fresh.received.map((m) => text(m.value)),
      ['0', '1', '2', '3', '4', '5', '6'],
      'a group without an offset starts from the earliest record',
    );
  });

  t.test(`${name}: a poll's records of different keys run at once, one key's in order`, async (t) => {
    const { bus, database } = await start(t, await engineFor(t), { batchSize: 40 });
    await bus.publish(
      'b',
      Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 4}`, value: bytes(String(i)) })),
    );
    const perKey = new Map<string, number[]>();
    let running = 0;
    let mostAtOnce = 0;
    const subscription = await bus.subscribe({
      groupId: 'batch',
      topic: 'b',
      handler: async (message) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await sleep(5);
        perKey.set(message.key, [...(perKey.get(message.key) ?? []), Number(text(message.value))]);
        running -= 1;
      },
    });
    await waitUntil('all forty', () => [...perKey.values()].flat().length === 40, 10_000);
    t.equal(mostAtOnce, 4, 'one record per key at a time, the four keys at once');
    for (const [key, seen] of perKey) {
      t.same(
        seen,
        [...seen].sort((a, b) => a - b),
        `${key} in publish order`,
      );
    }
    await subscription.stop();
    const row = await database.db
      .selectFrom('bus_offsets')
      .select('committed_offset')
      .where('group_id', '=', 'batch')
      .executeTakeFirst();
    const last = await database.db
      .selectFrom('bus_records')
      .select((eb) => eb.fn.max('offset').as('last'))
      .where('topic', '=', 'b')
      .executeTakeFirst();
    t.equal(String(row?.committed_offset), String(last?.last), 'committed up to the last record');
  });

  t.test(`${name}: a record whose handler fails is delivered again, not skipped`, async (t) => {
    const errors: Array<{ error: unknown; topic: string }> = [];
    const { bus } = await start(t, await engineFor(t), {
      onHandlerError: (error, topic) => errors.push({ error, topic }),
    });
    await bus.publish('t', [
      { key: 'a', value: bytes('a') },
      { key: 'b', value: bytes('b') },
    ]);
    let failOnce = true;
    const seen: string[] = [];
    const subscription = await bus.subscribe({
      groupId: 'g',
      topic: 't',
      handler: async (message) => {
        seen.push(message.key);
        if (message.key === 'a' && failOnce) {
          failOnce = false;
          throw new Error('first attempt fails');
        }
      },
    });
    t.teardown(() => subscription.stop());
    // Records of different keys run concurrently: b may finish before a fails, but it is not
    // committed past the unfinished a, so the next poll delivers a again and b again after it.
    const handledAfterRetry = () =>
      seen.filter((k) => k === 'a').length === 2 && seen.lastIndexOf('b') > seen.lastIndexOf('a');
    await waitUntil('a again, then b', handledAfterRetry, 5000);
    t.same(
      seen.filter((k) => k === 'a'),
      ['a', 'a'],
      'the failed record is delivered again',
    );
    t.match(errors, [{ error: { message: 'first attempt fails' }, topic: 't' }]);
  });
}

t.test('consumer lag on the embedded bus: records after each group’s committed offset', async (t) => {
  const { bus, database } = await start(t, { open: () => createMigratedEmbeddedDatabase(t.testdir()) });
  await bus.publish(
    'orders.raw',
    [1, 2, 3, 4, 5].map((n) => ({ key: `k${n}`, value: bytes(String(n)) })),
  );
  const seen = recorder();
  const subscription = await bus.subscribe({ groupId: 'fast', topic: 'orders.raw', handler: seen.handler });
  await waitUntil('five records', () => seen.received.length === 5);
  await subscription.stop();
  await bus.publish(
    'orders.raw',
    [6, 7, 8].map((n) => ({ key: `k${n}`, value: bytes(String(n)) })),
  );
  const newest = await database.db
    .selectFrom('bus_records')
    .select((eb) => eb.fn.max('offset').as('offset'))
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('bus_offsets')
    .values({ group_id: 'slow', topic: 'orders.raw', committed_offset: String(Number(newest.offset) - 6) })
    .execute();
  t.same(await readEmbeddedConsumerLag(database.db), [
    { group: 'fast', topic: 'orders.raw', partition: 0, lag: 3 },
    { group: 'slow', topic: 'orders.raw', partition: 0, lag: 6 },
  ]);
});
