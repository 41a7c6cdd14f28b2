import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { RedactingSpanProcessor } from './redacting-span-processor.js';

export type TracingOptions = {
  serviceName: string;
  /** OTLP/HTTP traces endpoint; when absent, spans are created (for context) but not exported. */
  tracesEndpoint?: string | undefined;
  /** Spans also go to this exporter, unbatched (tests use an InMemorySpanExporter). */
  exporter?: SpanExporter | undefined;
};

export type Tracing = { shutdown(): Promise<void> };

/**
 * Starts the OpenTelemetry SDK. Call it before the app is built so the HTTP instrumentation
 * sees every server and client request; Kafka spans come from @koppel/kafka.
 */
export function startTracing(options: TracingOptions): Tracing {
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    // Without these the SDK falls back to its env defaults: OTLP exporters for traces, metrics
    // and logs aimed at localhost:4318, so a service with no collector would retry exports and
    // fail its shutdown. Metrics are Prometheus (prom-client); no OTel logs are emitted.
    // Secrets in URLs (webhook paths) are redacted before any exporter sees a span.
    spanProcessors: exportingProcessors(options),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? ''),
      }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

function exportingProcessors(options: TracingOptions): SpanProcessor[] {
  const processors: SpanProcessor[] = [new RedactingSpanProcessor()];
  if (options.tracesEndpoint) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: options.tracesEndpoint })));
  }
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  return processors;
}
