import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { NoopSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export type TracingOptions = {
  serviceName: string;
  /** OTLP/HTTP traces endpoint; when absent, spans are created (for context) but not exported. */
  tracesEndpoint?: string | undefined;
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
    ...(options.tracesEndpoint
      ? { traceExporter: new OTLPTraceExporter({ url: options.tracesEndpoint }) }
      : { spanProcessors: [new NoopSpanProcessor()] }),
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
