import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
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
    ...(options.tracesEndpoint
      ? { traceExporter: new OTLPTraceExporter({ url: options.tracesEndpoint }) }
      : {}),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)/.test(req.url ?? ''),
      }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
