import { context, SpanKind, trace } from '@opentelemetry/api';
import t from 'tap';
import { z } from 'zod';
import { startTracing } from '../src/start-tracing.js';
import { startOtlpReceiver } from './otlp-receiver.js';

// startTracing registers the global tracer provider once per process: this file owns it.
const receiver = await startOtlpReceiver();
t.teardown(() => receiver.close());
// Where the SDK's env defaults would send metrics and logs: here, so a stray export is seen.
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;

const otlpJsonSchema = z.object({
  resourceSpans: z.array(
    z.object({
      resource: z.object({
        attributes: z.array(
          z.object({ key: z.string(), value: z.object({ stringValue: z.string() }).partial() }),
        ),
      }),
      scopeSpans: z.array(
        z.object({
          spans: z.array(
            z.object({
              name: z.string(),
              traceId: z.string(),
              spanId: z.string(),
              parentSpanId: z.string().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

t.test('spans are exported over OTLP/HTTP with the service name as resource attribute', async (t) => {
  const tracing = startTracing({
    serviceName: 'telemetry-export-test',
    tracesEndpoint: `${receiver.url}/v1/traces`,
  });
  const tracer = trace.getTracer('telemetry-test');
  const parent = tracer.startSpan('orders.v1 publish', { kind: SpanKind.PRODUCER });
  t.ok(parent.isRecording(), 'the SDK records spans');
  context.with(trace.setSpan(context.active(), parent), () => tracer.startSpan('child work').end());
  parent.end();

  // Shutdown flushes the batch processor: by the time it resolves, the collector has the spans.
  await tracing.shutdown();

  const traces = receiver.received.filter((r) => r.path === '/v1/traces');
  t.ok(traces.length > 0, 'the receiver got a POST /v1/traces');
  t.same(
    receiver.received.filter((r) => r.path !== '/v1/traces').map((r) => r.path),
    [],
    'nothing but traces is exported (metrics are Prometheus, no OTel logs)',
  );
  const request = traces[0];
  t.ok(request, 'an export request');
  if (!request) return;
  t.match(request.contentType, /json|protobuf/);
  if (!request.contentType.includes('json')) {
    // Protobuf: strings are raw UTF-8 in the wire format, enough to see the names arrived.
    t.ok(request.body.includes('telemetry-export-test'), 'service name in the protobuf body');
    t.ok(request.body.includes('orders.v1 publish'), 'span name in the protobuf body');
    return;
  }
  const body = otlpJsonSchema.parse(JSON.parse(request.body.toString('utf8')));
  const resourceSpans = body.resourceSpans[0];
  const serviceName = resourceSpans?.resource.attributes.find((a) => a.key === 'service.name');
  t.equal(serviceName?.value.stringValue, 'telemetry-export-test', 'service.name resource attribute');
  const spans = body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
  const exportedParent = spans.find((s) => s.name === 'orders.v1 publish');
  const exportedChild = spans.find((s) => s.name === 'child work');
  t.ok(exportedParent, 'the parent span arrived');
  t.ok(exportedChild, 'the child span arrived');
  t.equal(exportedChild?.traceId, exportedParent?.traceId, 'one trace');
  t.equal(exportedChild?.parentSpanId, exportedParent?.spanId, 'child of the parent span');
});
