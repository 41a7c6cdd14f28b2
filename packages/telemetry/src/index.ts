/** Telemetry: OpenTelemetry tracing start-up and the Prometheus registry with shared metrics. */
export {
  type ConsumerLagSample,
  type ConsumerLagSource,
  createConsumerLagGauge,
} from './consumer-lag-gauge.js';
export {
  instrumentTargetFetch,
  type TargetFetch,
  type TargetFetchOptions,
} from './instrument-target-fetch.js';
export { createMetricsRegistry, type ServiceMetrics } from './metrics-registry.js';
export { type OrdersCounter, ordersCounterOf } from './orders-counter.js';
export { createTargetMetrics, type TargetMetrics } from './target-metrics.js';
export { maskEmails, maskLogArguments, PERSONAL_DATA_LOG_PATHS } from './personal-data-redaction.js';
export { REDACTED, redactUrl } from './redact-url.js';
export { RedactingSpanProcessor } from './redacting-span-processor.js';
// startTracing is its own entry point, `@koppel/telemetry/tracing` (register.ts uses it): the
// OpenTelemetry Node SDK loads every exporter it could configure, about 1,700 CommonJS modules and
// seconds of CPU, which nothing that only counts metrics or redacts URLs should pay for.
export type { Tracing, TracingOptions } from './start-tracing.js';
export { traceLogFields } from './trace-log-fields.js';
