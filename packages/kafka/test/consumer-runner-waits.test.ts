import { topics } from '@koppel/contracts';
import { AppError, appError } from '@koppel/errors';
import { createParkedRecordRepository } from '@koppel/db';
import t from 'tap';
import { type IncomingMessage, MAX_WAITS, runConsumer } from '../src/index.js';
import { bytes, openEmbeddedBusOnPglite, waitUntil } from './kafka-test-bed.js';

t.test('waiting for another worker does not use up attempts; real failures still do', async (t) => {
  const { bus, prefix } = await openEmbeddedBusOnPglite(t);
  const topic = `${prefix}deliveries.asperion`;
  await bus.ensureTopics(
    [
      { name: 'deliveries.asperion', partitions: 1, retentionMs: 3_600_000 },
      { ...topics.deadLetter, partitions: 1 },
    ],
    prefix,
  );
  await bus.publish(topic, [
    { key: 'waits-long', value: bytes('a') },
    { key: 'waits-then-fails', value: bytes('b') },
    { key: 'waits-forever', value: bytes('c') },
  ]);
  const calls = new Map<string, number>();
  const processed: string[] = [];
  const deadLettered: Array<{ key: string; code: string; attempts: number }> = [];
  const leaseHeld = () =>
    new AppError('DEBTOR_BEING_CREATED', 'another order of this customer is creating the debtor', {
      httpStatus: 409,
      retryable: true,
      waiting: true,
    });
  const handler = async (message: IncomingMessage) => {
    const call = (calls.get(message.key) ?? 0) + 1;
    calls.set(message.key, call);
    if (message.key === 'waits-long' && call <= 12) throw leaseHeld();
    if (message.key === 'waits-then-fails') {
      if (call <= 5) throw leaseHeld();
      throw appError('TARGET_UNAVAILABLE', 'target down');
    }
    if (message.key === 'waits-forever') throw leaseHeld();
    processed.push(message.key);
  };
  const subscription = await runConsumer({
    bus,
    groupId: `${prefix}connector`,
    topic,
    deadLetterTopic: `${prefix}${topics.deadLetter.name}`,
    stage: 'delivery.asperion',
    handler,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    onDeadLetter: async ({ message, error, attempts }) => {
      deadLettered.push({ key: message.key, code: error.code, attempts });
    },
    sleep: async () => {},
  });
  t.teardown(() => subscription.stop());
  await waitUntil('every record settled', () => deadLettered.length === 2, 30_000);

  t.same(processed, ['waits-long'], '12 waits with maxAttempts 3: still delivered, not dead-lettered');
  t.equal(calls.get('waits-long'), 13);
  t.equal(calls.get('waits-then-fails'), 5 + 3, 'after the waits, the three real attempts are counted');
  t.same(deadLettered[0], { key: 'waits-then-fails', code: 'TARGET_UNAVAILABLE', attempts: 8 });
  t.same(
    deadLettered[1],
    { key: 'waits-forever', code: 'DEBTOR_BEING_CREATED', attempts: MAX_WAITS + 3 },
    'a lease that never ends is dead-lettered after the ceiling of free waits',
  );
});

t.test('a stop ends an in-place wait at once: parked with parking, left uncommitted without', async (t) => {
  const { bus, prefix, db } = await openEmbeddedBusOnPglite(t);
  const leaseHeld = () =>
    new AppError('DEBTOR_BEING_CREATED', 'another order of this customer is creating the debtor', {
      httpStatus: 409,
      retryable: true,
      waiting: true,
      retryAfterSeconds: 1,
    });
  // A sleep that never ends stands for a lease held by a killed process: only the stop ends it.
  const endless = () => new Promise<void>(() => {});

  for (const withParking of [true, false]) {
    const name = withParking ? 'parked' : 'unparked';
    const topic = `${prefix}deliveries.${name}`;
    await bus.ensureTopics([{ name: `deliveries.${name}`, partitions: 1, retentionMs: 3_600_000 }], prefix);
    await bus.publish(topic, [{ key: 'customer-1', value: bytes('order') }]);
    const store = createParkedRecordRepository(db);
    let calls = 0;
    const subscription = await runConsumer({
      bus,
      groupId: `${prefix}${name}`,
      topic,
      deadLetterTopic: `${prefix}${topics.deadLetter.name}`,
      stage: 'delivery.asperion',
      handler: async () => {
        calls += 1;
        throw leaseHeld();
      },
      retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1000 },
      ...(withParking ? { parking: { store, pollIntervalMs: 60_000 } } : {}),
      sleep: endless,
    });
    await waitUntil(`${name}: the record is waiting`, () => calls === 1, 30_000);
    await subscription.stop();
    t.equal(calls, 1, `${name}: the stop returned without another attempt`);

    const due = await store.claimDue(`${prefix}${name}`, topic, 10, 1000);
    if (withParking) {
      t.equal(due.length, 1, 'parked: the waiting record is in the parked table for the next replica');
      t.match(due[0]?.lastError, /DEBTOR_BEING_CREATED/);
      continue;
    }
    t.equal(due.length, 0, 'unparked: nothing parked');
    const again: string[] = [];
    const next = await runConsumer({
      bus,
      groupId: `${prefix}${name}`,
      topic,
      deadLetterTopic: `${prefix}${topics.deadLetter.name}`,
      stage: 'delivery.asperion',
      handler: async (message) => {
        again.push(message.key);
      },
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    t.teardown(() => next.stop());
    await waitUntil('unparked: the next subscription receives it again', () => again.length === 1, 30_000);
    t.same(again, ['customer-1'], 'unparked: not committed, so received again');
  }
});
