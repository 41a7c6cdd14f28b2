import { context, propagation, trace } from '@opentelemetry/api';
import { inProcessSpan, inPublishSpan, withTraceHeaders } from '@koppel/kafka';
import t from 'tap';
import { startTracing } from '../src/start-tracing.js';
import { startOtlpReceiver } from './otlp-receiver.js';

// startTracing registers the global tracer provider once per process: this file owns it.
const receiver = await startOtlpReceiver();
t.teardown(() => receiver.close());
// The OTel SDK's own default target when nothing is configured; pointed here so any export
// that "unset disables export" forbids would be caught instead of hitting localhost:4318.
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
const tracing = startTracing({ serviceName: 'telemetry-no-endpoint-test', tracesEndpoint: undefined });

t.test('trace context goes into record headers and comes back out in the process span', async (t) => {
  let headers: Record<string, string> = {};
  let publishSpanId = '';
  let publishTraceId = '';
  await inPublishSpan('orders.v1', async () => {
    const span = trace.getActiveSpan();
    t.ok(span?.isRecording(), 'spans are recorded for context even without an exporter');
    publishSpanId = span?.spanContext().spanId ?? '';
    publishTraceId = span?.spanContext().traceId ?? '';
    headers = withTraceHeaders({ 'content-type': 'application/x-protobuf' });
  });
  t.match(publishTraceId, /^[0-9a-f]{32}$/, 'a real trace id');
  t.not(publishTraceId, '0'.repeat(32));
  t.equal(headers['content-type'], 'application/x-protobuf', 'existing headers are kept');
  t.equal(
    headers.traceparent,
    `00-${publishTraceId}-${publishSpanId}-01`,
    'W3C traceparent of the publish span',
  );

  // On the consumer side (no active context): the process span continues the same trace.
  const seen = await context.with(context.active(), () =>
    inProcessSpan('orders.v1', headers, { 'messaging.kafka.message.key': 'demo:100' }, async () => {
      const span = trace.getActiveSpan();
      return {
        traceId: span?.spanContext().traceId,
        spanId: span?.spanContext().spanId,
        forwarded: withTraceHeaders(),
      };
    }),
  );
  t.equal(seen.traceId, publishTraceId, 'same trace on the consumer');
  t.not(seen.spanId, publishSpanId, 'a span of its own');
  t.equal(
    seen.forwarded.traceparent,
    `00-${publishTraceId}-${seen.spanId}-01`,
    'a record published from the handler carries the process span as parent',
  );
});

t.test('a record without trace headers starts a new trace', async (t) => {
  const traceId = await inProcessSpan(
    'orders.v1',
    {},
    {},
    async () => trace.getActiveSpan()?.spanContext().traceId,
  );
  t.match(traceId, /^[0-9a-f]{32}$/);
  const extracted = propagation.extract(context.active(), { traceparent: 'garbage' });
  t.equal(trace.getSpanContext(extracted), undefined, 'a malformed traceparent is ignored, not thrown');
});

t.test('without an endpoint nothing is exported and shutdown is clean', async (t) => {
  trace.getTracer('telemetry-test').startSpan('not exported').end();
  const started = Date.now();
  await t.resolves(tracing.shutdown(), 'shutdown succeeds (no failed export to a missing collector)');
  t.ok(Date.now() - started < 2000, `shutdown is quick (${Date.now() - started} ms)`);
  t.same(
    receiver.received.map((r) => r.path),
    [],
    'no OTLP request of any kind (traces, metrics, logs) went out',
  );
});
