import { topicName, topics } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import type { IncomingMessage } from '@koppel/kafka';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { startPipelineConsumer } from '../src/index.js';
import { openEmbeddedStage } from '../src/testing/index.js';

// The embedded bus on PGlite: the same MessageBus contract as Kafka, in-process.
const stage = await openEmbeddedStage(t.testdir(), { pollIntervalMs: 20 });
t.teardown(() => stage.close());
const { bus, journey } = stage;
const prefix = `sk${Date.now().toString(36)}.`;
await bus.ensureTopics([topics.ordersMapped, topics.deadLetter], prefix);

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

t.test('outcomes are counted and timed per topic; retries and dead letters reach the journey', async (t) => {
  const metrics = createMetricsRegistry('pipeline-consumer-test');
  const attempts = new Map<string, number>();
  const warnings: object[] = [];
  const errors: object[] = [];
  const subscription = await startPipelineConsumer({
    bus,
    journey,
    metrics,
    topicPrefix: prefix,
    stage: 'mapping',
    source: topics.ordersMapped,
    groupId: 'mapping',
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
    log: { warn: (obj) => void warnings.push(obj), error: (obj) => void errors.push(obj) },
    handler: async (message: IncomingMessage) => {
      const n = (attempts.get(message.key) ?? 0) + 1;
      attempts.set(message.key, n);
      if (message.key === 'demo:flaky' && n === 1) throw appError('TARGET_UNAVAILABLE', 'target down');
      if (message.key === 'demo:bad') throw appError('DECODE_FAILED', 'no email', { field: 'order.email' });
    },
  });
  t.teardown(() => subscription.stop());

  await bus.publish(
    topicName(topics.ordersMapped, prefix),
    ['demo:ok', 'demo:flaky', 'demo:bad'].map((key) => ({ key, value: Buffer.from('{}'), headers: {} })),
  );
  await until(
    'every record handled',
    async () => (await journey.list('demo', 'bad')).length > 0 && attempts.get('demo:flaky') === 2,
  );

  const values = async (name: string) => (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
  const counts = Object.fromEntries(
    (await values('koppel_messages_total')).map((v) => [`${v.labels.topic}/${v.labels.outcome}`, v.value]),
  );
  t.same(
    counts,
    {
      'orders.mapped/processed': 2,
      'orders.mapped/retried': 1,
      'orders.mapped/dead_lettered': 1,
    },
    'labelled with the topic’s unprefixed name and the outcome',
  );
  const durationCounts = (await values('koppel_message_duration_seconds'))
    .filter((v) => (v as { metricName?: string }).metricName === 'koppel_message_duration_seconds_count')
    .map((v) => [v.labels.outcome, v.value]);
  t.same(
    Object.fromEntries(durationCounts),
    { processed: 2, retried: 1, dead_lettered: 1 },
    'each outcome timed',
  );

  const flaky = await journey.list('demo', 'flaky');
  t.match(flaky, [
    { stage: 'retrying', detail: { stage: 'mapping', code: 'TARGET_UNAVAILABLE', attempts: 1 } },
  ]);
  const bad = await journey.list('demo', 'bad');
  t.match(bad, [
    {
      stage: 'dead_lettered',
      detail: { stage: 'mapping', code: 'DECODE_FAILED', field: 'order.email', attempts: 1 },
    },
  ]);
  t.same(await journey.list('demo', 'ok'), [], 'a processed record adds nothing here');
  t.match(warnings, [{ code: 'TARGET_UNAVAILABLE', key: 'demo:flaky' }]);
  t.match(errors, [{ code: 'DECODE_FAILED', field: 'order.email', key: 'demo:bad' }]);
});
