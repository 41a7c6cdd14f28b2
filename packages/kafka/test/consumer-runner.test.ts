import { setTimeout as sleep } from 'node:timers/promises';
import { fromBinary } from '@bufbuild/protobuf';
import { type DeadLetterRecord, DeadLetterRecordSchema, topics } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import t, { type Test } from 'tap';
import { type ConsumerOutcome, type IncomingMessage, type MessageBus, runConsumer } from '../src/index.js';
import { bytes, openEmbeddedBusOnPglite, openKafkaTestBed, recorder, waitUntil } from './kafka-test-bed.js';

type BusUnderTest = { bus: MessageBus; prefix: string };

const buses: Record<string, (t: Test) => Promise<BusUnderTest>> = {
  kafka: openKafkaTestBed,
  'embedded (PGlite)': openEmbeddedBusOnPglite,
};

for (const [name, open] of Object.entries(buses)) {
  t.test(`${name}: retryable errors are retried, permanent ones dead-lettered`, async (t) => {
    const { bus, prefix } = await open(t);
    const topic = `${prefix}orders.raw`;
    const deadLetterTopic = `${prefix}${topics.deadLetter.name}`;
    await bus.ensureTopics(
      [
        { name: 'orders.raw', partitions: 1, retentionMs: 3_600_000 },
        { ...topics.deadLetter, partitions: 1 },
      ],
      prefix,
    );
    const keys = ['flaky', 'rate-limited', 'poison', 'hopeless', 'ok'];
    await bus.publish(
      topic,
      keys.map((key) => ({ key, value: bytes(`payload of ${key}`), headers: { 'x-source': key } })),
    );

    const attempts = new Map<string, number>();
    const offsets = new Map<string, string>();
    const processed: string[] = [];
    const slept: number[] = [];
    const retryDelays: Array<{ key: string; attempt: number; delayMs: number }> = [];
    const outcomes: ConsumerOutcome[] = [];
    const deadLettered: Array<{ key: string; code: string }> = [];
    const handler = async (message: IncomingMessage) => {
      const attempt = (attempts.get(message.key) ?? 0) + 1;
      attempts.set(message.key, attempt);
      offsets.set(message.key, message.offset);
      if (message.key === 'flaky' && attempt < 3) throw appError('TARGET_UNAVAILABLE', 'target down');
      if (message.key === 'rate-limited' && attempt === 1) {
        throw appError('TARGET_RATE_LIMITED', 'slow down', { retryAfterSeconds: 3 });
      }
      if (message.key === 'poison')
        throw appError('VALIDATION_FAILED', 'email is not valid', { field: 'email' });
      if (message.key === 'hopeless') throw appError('TARGET_UNAVAILABLE', 'still down');
      processed.push(message.key);
    };
    const groupId = `${prefix}mapping`;
    const subscription = await runConsumer({
      bus,
      groupId,
      topic,
      deadLetterTopic,
      stage: 'mapping',
      handler,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 },
      describe: (message) => ({ connectionId: 'conn-1', externalOrderId: `order-${message.key}` }),
      onOutcome: (outcome) => outcomes.push(outcome),
      onRetry: ({ message, attempts, delayMs }) => {
        retryDelays.push({ key: message.key, attempt: attempts, delayMs });
      },
      onDeadLetter: async ({ message, error }) => {
        deadLettered.push({ key: message.key, code: error.code });
      },
      // The real heartbeat still runs between steps; only the wall-clock wait is skipped.
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    // Different keys run concurrently on Kafka, so only per-key order is asserted below.
    await waitUntil('every record handled', () => processed.length === 3 && deadLettered.length === 2);
    await subscription.stop();

    t.same(Object.fromEntries(attempts), { flaky: 3, 'rate-limited': 2, poison: 1, hopeless: 3, ok: 1 });
    t.same(
      [...processed].sort(),
      ['flaky', 'ok', 'rate-limited'],
      'the partition moved past the dead letters',
    );
    t.same(
      [...deadLettered].sort((a, b) => a.key.localeCompare(b.key)),
      [
        { key: 'hopeless', code: 'TARGET_UNAVAILABLE' },
        { key: 'poison', code: 'VALIDATION_FAILED' },
      ],
    );
    t.same(outcomes.filter((o) => o !== 'retried').sort(), [
      'dead_lettered',
      'dead_lettered',
      'processed',
      'processed',
      'processed',
    ]);
    const rateLimited = retryDelays.find((r) => r.key === 'rate-limited');
    t.equal(rateLimited?.delayMs, 3000, 'Retry-After wins over the shorter backoff cap');
    t.ok(
      retryDelays.filter((r) => r.key !== 'rate-limited').every((r) => r.delayMs >= 5 && r.delayMs <= 40),
      'backoff stays within the policy',
    );
    t.same(retryDelays.map((r) => `${r.key}#${r.attempt}`).sort(), [
      'flaky#1',
      'flaky#2',
      'hopeless#1',
      'hopeless#2',
      'rate-limited#1',
    ]);
    t.same(
      slept.filter((ms) => ms > 40),
      [2000, 1000],
      'a long wait is cut into heartbeat-sized steps',
    );

    const letters = recorder();
    const dlq = await bus.subscribe({
      groupId: `${prefix}dlq-reader`,
      topic: deadLetterTopic,
      handler: letters.handler,
    });
    await waitUntil('two dead letters', () => letters.received.length >= 2);
    await dlq.stop();
    const records = letters.received.map((m) => ({
      message: m,
      record: fromBinary(DeadLetterRecordSchema, m.value),
    }));
    const poison = records.find((r) => r.record.key === 'poison');
    t.match(poison?.record, {
      sourceTopic: topic,
      sourcePartition: 0,
      sourceOffset: offsets.get('poison'),
      key: 'poison',
      headers: { 'x-source': 'poison' },
      stage: 'mapping',
      errorCode: 'VALIDATION_FAILED',
      errorMessage: 'email is not valid',
      errorField: 'email',
      connectionId: 'conn-1',
      externalOrderId: 'order-poison',
      attempts: 1,
    } satisfies Partial<DeadLetterRecord>);
    t.equal(
      new TextDecoder().decode(poison?.record.payload),
      'payload of poison',
      'the raw payload, to replay',
    );
    t.equal(poison?.message.key, 'poison', 'the dead letter keeps the record key');
    t.ok(poison?.record.id, 'a dead letter id');
    t.ok(poison?.record.failedAt, 'when it failed');
    t.match(records.find((r) => r.record.key === 'hopeless')?.record, {
      errorCode: 'TARGET_UNAVAILABLE',
      attempts: 3,
      sourceOffset: offsets.get('hopeless'),
    });

    const again = recorder();
    const restarted = await bus.subscribe({ groupId, topic, handler: again.handler });
    await sleep(name === 'kafka' ? 4000 : 300);
    await restarted.stop();
    t.same(again.received, [], 'every record, dead-lettered ones included, was committed');
  });
}
