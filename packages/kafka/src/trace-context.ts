import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@koppel/kafka');

/** Adds the active trace context (W3C traceparent) to a record's headers. */
export function withTraceHeaders(headers: Record<string, string> = {}): Record<string, string> {
  const carrier: Record<string, string> = { ...headers };
  propagation.inject(context.active(), carrier);
  return carrier;
}

/**
 * Runs `work` in a `<topic> publish` producer span. Attributes follow the OpenTelemetry messaging
 * semantic conventions (https://opentelemetry.io/docs/specs/semconv/messaging/kafka/).
 */
export async function inPublishSpan<T>(topic: string, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(
    `${topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'publish',
      },
    },
    (span) => finish(span, work),
  );
}

/** Runs `work` in a `<topic> process` consumer span continuing the record's trace. */
export async function inProcessSpan<T>(
  topic: string,
  headers: Record<string, string>,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(context.active(), headers);
  return context.with(parent, () =>
    tracer.startActiveSpan(
      `${topic} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.operation.type': 'process',
          'messaging.operation.name': 'process',
          ...attributes,
        },
      },
      (span) => finish(span, work),
    ),
  );
}

async function finish<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    span.recordException(error instanceof Error ? error : new Error(String(error)));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
