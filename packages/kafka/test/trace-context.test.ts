import { context, propagation, type SpanContext, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import t, { type Test } from 'tap';
import { type MessageBus, publishTraced, runConsumer } from '../src/index.js';
import { bytes, openEmbeddedBusOnPglite, openKafkaTestBed, waitUntil } from './kafka-test-bed.js';

// What a service's telemetry setup registers; the package itself only uses @opentelemetry/api.
const exporter = new InMemorySpanExporter();
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
);
const tracer = trace.getTracer('kafka-test');

const buses: Record<string, (t: Test) => Promise<{ bus: MessageBus; prefix: string }>> = {
  kafka: openKafkaTestBed,
  'embedded (PGlite)': openEmbeddedBusOnPglite,
};

for (const [name, open] of Object.entries(buses)) {
  t.test(`${name}: publishTraced carries the trace to the consumer's process span`, async (t) => {
    exporter.reset();
    const { bus, prefix } = await open(t);
    await bus.ensureTopics([{ name: 'traced', partitions: 1, retentionMs: 3_600_000 }], prefix);
    const topic = `${prefix}traced`;

    const root = tracer.startSpan('request');
    await context.with(trace.setSpan(context.active(), root), () =>
      publishTraced(bus, topic, [{ key: 'k', value: bytes('v'), headers: { 'x-keep': 'me' } }]),
    );
    root.end();

    let seen: { headers: Record<string, string>; active: SpanContext | undefined } | undefined;
    const subscription = await runConsumer({
      bus,
      groupId: `${prefix}traced`,
      topic,
      deadLetterTopic: `${prefix}dead`,
      stage: 'test',
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
      handler: async (message) => {
        seen = { headers: message.headers, active: trace.getActiveSpan()?.spanContext() };
      },
    });
    await waitUntil('the traced record', () => seen !== undefined);
    await subscription.stop();

    const spans = exporter.getFinishedSpans();
    const publish = spans.find((s) => s.name === `${topic} publish`);
    const process = spans.find((s) => s.name === `${topic} process`);
    const traceId = root.spanContext().traceId;
    t.ok(publish, 'a publish span');
    t.equal(publish?.spanContext().traceId, traceId, 'publish continues the caller’s trace');
    t.equal(publish?.parentSpanContext?.spanId, root.spanContext().spanId);
    t.match(publish?.attributes, { 'messaging.system': 'kafka', 'messaging.destination.name': topic });

    t.equal(seen?.headers['x-keep'], 'me', 'the record’s own headers survive');
    t.equal(
      seen?.headers.traceparent,
      `00-${traceId}-${publish?.spanContext().spanId}-01`,
      'W3C traceparent of the publish span in the record headers',
    );
    t.ok(process, 'a process span');
    t.equal(process?.spanContext().traceId, traceId, 'the consumer continues the same trace');
    t.equal(process?.parentSpanContext?.spanId, publish?.spanContext().spanId, 'child of the publish span');
    t.equal(seen?.active?.spanId, process?.spanContext().spanId, 'the handler runs inside the process span');
    t.match(process?.attributes, {
      'messaging.consumer.group.name': `${prefix}traced`,
      'messaging.kafka.message.key': 'k',
    });
  });
}

t.test('a failing handler marks its process span as an error', async (t) => {
  exporter.reset();
  const { bus, prefix } = await openEmbeddedBusOnPglite(t);
  const topic = `${prefix}failing`;
  await bus.publish(topic, [{ key: 'k', value: bytes('v') }]);
  let deadLettered = false;
  const subscription = await runConsumer({
    bus,
    groupId: `${prefix}failing`,
    topic,
    deadLetterTopic: `${prefix}dead`,
    stage: 'test',
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    handler: async () => {
      throw new Error('boom');
    },
    onDeadLetter: async () => {
      deadLettered = true;
    },
  });
  await waitUntil('the dead letter', () => deadLettered);
  await subscription.stop();
  const process = exporter.getFinishedSpans().find((s) => s.name === `${topic} process`);
  t.equal(process?.status.code, 2, 'SpanStatusCode.ERROR');
  t.match(process?.events[0], { name: 'exception' });
});
