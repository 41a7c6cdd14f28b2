import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The active span's ids for a log line (a pino `mixin`), named as OpenTelemetry's log data model
 * names them (https://opentelemetry.io/docs/specs/otel/logs/data-model/#field-traceid), so a line
 * leads to its trace and the journey entry that carries the same trace id. Empty outside a span.
 */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}
