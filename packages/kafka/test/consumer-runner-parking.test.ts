import { createParkedRecordRepository, createPostgresDatabase, migrateToLatest } from '@koppel/db';
import { createMigratedEmbeddedDatabase } from '@koppel/db/testing';
import { appError } from '@koppel/errors';
import { uniqueRunId } from '@koppel/test-infra';
import t, { type Test } from 'tap';
import { createEmbeddedBus, type MessageBus, type ParkedRecordStore, runConsumer } from '../src/index.js';
import { bytes, openIsolatedDatabaseUrl, openKafkaTestBed, waitUntil } from './kafka-test-bed.js';

type Setup = {
  bus: MessageBus;
  prefix: string;
  store: ParkedRecordStore & { count(g: string): Promise<number> };
};

const setups: Record<string, (t: Test) => Promise<Setup>> = {
  'kafka + postgres': async (t) => {
    const { bus, prefix } = await openKafkaTestBed(t);
    const database = createPostgresDatabase(await openIsolatedDatabaseUrl(t));
    t.teardown(() => database.close());
    await migrateToLatest(database.db);
    return { bus, prefix, store: createParkedRecordRepository(database.db) };
  },
  'embedded (PGlite)': async (t) => {
    const database = await createMigratedEmbeddedDatabase(t.testdir());
    await migrateToLatest(database.db);
    const bus = createEmbeddedBus(database.db, { pollIntervalMs: 50 });
    t.teardown(async () => {
      await bus.close();
      await database.close();
    });
    return { bus, prefix: `test.${uniqueRunId()}.`, store: createParkedRecordRepository(database.db) };
  },
};

for (const [name, open] of Object.entries(setups)) {
  t.test(`${name}: a long retry is parked, other keys move on, one key stays in order`, async (t) => {
    const { bus, prefix, store } = await open(t);
    const topic = `${prefix}deliveries.test`;
    await bus.ensureTopics(
      [
        { name: 'deliveries.test', partitions: 1, retentionMs: 3_600_000 },
        { name: 'orders.dead-letter', partitions: 1, retentionMs: 3_600_000 },
      ],
      prefix,
    );
    // One partition: without parking, the failing key would hold every record behind it.
    const records = [
      ['slow', 's1'],
      ['fast-1', 'f1'],
      ['slow', 's2'],
      ['fast-2', 'f2'],
      ['slow', 's3'],
      ['fast-3', 'f3'],
      ['fast-4', 'f4'],
    ] as const;
    await bus.publish(
      topic,
      records.map(([key, name]) => ({ key, value: bytes(name), headers: {} })),
    );

    let recovered = false;
    let s2Failures = 0;
    const done: string[] = [];
    const groupId = `${prefix}delivery`;
    const subscription = await runConsumer({
      bus,
      groupId,
      topic,
      deadLetterTopic: `${prefix}orders.dead-letter`,
      stage: 'delivery',
      retry: { maxAttempts: 50, baseDelayMs: 20, maxDelayMs: 100 },
      parking: { store, pollIntervalMs: 100 },
      handler: async (message) => {
        const name = new TextDecoder().decode(message.value);
        if (name === 's1' && !recovered) {
          throw appError('TARGET_RATE_LIMITED', 'target asks to wait', { retryAfterSeconds: 1 });
        }
        if (name === 's2' && s2Failures < 2) {
          s2Failures += 1;
          throw appError('TARGET_UNAVAILABLE', 'blip between the records of one key');
        }
        done.push(name);
      },
    });
    t.teardown(() => subscription.stop());

    await waitUntil('every other key handled', () => ['f1', 'f2', 'f3', 'f4'].every((n) => done.includes(n)));
    t.notOk(recovered, 'the other keys finished while s1 still fails');
    t.same(
      done.filter((n) => n.startsWith('s')),
      [],
      's2 and s3 were not handled before s1 (they wait behind it)',
    );
    // s3 follows s2 and s1 (one key, in order) while f3 and f4 run beside it: it may still be on
    // its way to the parked table when the other keys are done.
    let parked = 0;
    await waitUntil('s3 parked behind s1 and s2', async () => {
      parked = await store.count(groupId);
      return parked === 3;
    });
    t.equal(parked, 3, 's1, s2 and s3 are parked');

    recovered = true;
    await waitUntil('the slow key handled', () => done.includes('s3'), 30_000);
    t.same(
      done.filter((n) => n.startsWith('s')),
      ['s1', 's2', 's3'],
      'one key in order, failures between its records included',
    );
    t.equal(s2Failures, 2, 's2 failed twice in the re-driver and still came before s3');
    t.same(done.filter((n) => n === 's1').length, 1, 'each record handled once');
    // The handler's success comes just before the row's removal; wait for the removal.
    let left = await store.count(groupId);
    for (let i = 0; i < 100 && left > 0; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      left = await store.count(groupId);
    }
    t.equal(left, 0, 'nothing left parked');
  });
}
