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
export { startTracing, type Tracing, type TracingOptions } from './start-tracing.js';
export { traceLogFields } from './trace-log-fields.js';
