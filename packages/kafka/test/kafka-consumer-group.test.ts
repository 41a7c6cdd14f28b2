import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import type { IncomingMessage, Subscription } from '../src/index.js';
import { bytes, openKafkaTestBed, recorder, waitUntil } from './kafka-test-bed.js';

const TOTAL = 30;
const STOP_AFTER = 7;

t.test('a group stopped after k records resumes after exactly those', async (t) => {
  const { bus, admin, prefix } = await openKafkaTestBed(t);
  await bus.ensureTopics([{ name: 'resume', partitions: 3, retentionMs: 3_600_000 }], prefix);
  const topic = `${prefix}resume`;
  const groupId = `${prefix}group`;
  await bus.publish(
    topic,
    Array.from({ length: TOTAL }, (_, i) => ({ key: `order-${i % 5}`, value: bytes(String(i)) })),
  );

  let stopping: Promise<void> | undefined;
  let first: Subscription | undefined;
  const firstRun = recorder((_message, count) => {
    // Stop from inside the handler, as a shutdown signal mid-batch would; not awaited here
    // because stop waits for this very handler to return.
    if (count === STOP_AFTER) stopping = first?.stop();
  });
  first = await bus.subscribe({ groupId, topic, handler: firstRun.handler, fromBeginning: true });
  await waitUntil(`${STOP_AFTER} records`, () => stopping !== undefined);
  await stopping;
  await sleep(200);
  // Records of other keys already in flight when stop was asked finish (concurrency within a
  // partition); nothing new starts after it, and the restart picks up exactly the rest.
  const handledFirst = firstRun.received.length;
  t.ok(handledFirst >= STOP_AFTER, `in-flight records finished (${handledFirst} handled)`);

  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedByPartition = new Map(
    (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
  );
  for (const partition of [0, 1, 2]) {
    const handled = firstRun.received.filter((m) => m.partition === partition).map((m) => Number(m.offset));
    const expected = handled.length > 0 ? Math.max(...handled) + 1 : -1;
    t.equal(
      committedByPartition.get(partition),
      expected,
      `partition ${partition}: committed what was handled`,
    );
  }

  const secondRun = recorder();
  const second = await bus.subscribe({ groupId, topic, handler: secondRun.handler, fromBeginning: true });
  t.teardown(() => second.stop());
  await waitUntil('the remaining records', () => secondRun.received.length >= TOTAL - handledFirst);
  await sleep(500);

  const id = (m: IncomingMessage) => `${m.partition}:${m.offset}`;
  const all = [...firstRun.received, ...secondRun.received].map(id);
  t.equal(secondRun.received.length, TOTAL - handledFirst, 'the restart handles only the rest');
  t.equal(new Set(all).size, TOTAL, 'none handled twice');
  t.same(
    [...firstRun.received, ...secondRun.received]
      .map((m) => Number(new TextDecoder().decode(m.value)))
      .sort((a, b) => a - b),
    Array.from({ length: TOTAL }, (_, i) => i),
    'none skipped',
  );
  for (const partition of [0, 1, 2]) {
    const offsets = [...firstRun.received, ...secondRun.received]
      .filter((m) => m.partition === partition)
      .map((m) => Number(m.offset));
    t.same(
      offsets,
      [...offsets].sort((a, b) => a - b),
      `partition ${partition} handled in offset order`,
    );
  }
});

t.test('records of one key stay in order on one partition', async (t) => {
  const { bus, prefix } = await openKafkaTestBed(t);
  await bus.ensureTopics([{ name: 'keyed', partitions: 3, retentionMs: 3_600_000 }], prefix);
  const topic = `${prefix}keyed`;
  const messages = Array.from({ length: 12 }, (_, i) => ({
    key: `conn:order-${i % 3}`,
    value: bytes(String(i)),
  }));
  await bus.publish(topic, messages);
  const { received, handler } = recorder();
  const subscription = await bus.subscribe({ groupId: `${prefix}keyed`, topic, handler });
  t.teardown(() => subscription.stop());
  await waitUntil('twelve records', () => received.length >= 12);
  for (const key of ['conn:order-0', 'conn:order-1', 'conn:order-2']) {
    const ofKey = received.filter((m) => m.key === key);
    t.equal(new Set(ofKey.map((m) => m.partition)).size, 1, `${key}: one partition`);
    t.same(
      ofKey.map((m) => new TextDecoder().decode(m.value)),
      messages.filter((m) => m.key === key).map((m) => new TextDecoder().decode(m.value)),
      `${key}: publish order`,
    );
  }
});
