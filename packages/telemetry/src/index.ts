/** Telemetry: OpenTelemetry tracing start-up and the Prometheus registry with shared metrics. */
export { createMetricsRegistry, type ServiceMetrics } from './metrics-registry.js';
export { maskEmails, maskLogArguments, PERSONAL_DATA_LOG_PATHS } from './personal-data-redaction.js';
export { REDACTED, redactUrl } from './redact-url.js';
export { RedactingSpanProcessor } from './redacting-span-processor.js';
export { startTracing, type Tracing, type TracingOptions } from './start-tracing.js';
