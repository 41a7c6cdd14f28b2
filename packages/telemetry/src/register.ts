import { cachePackageResolution } from './resolve-cache.js';
import { startTracing, type Tracing } from './start-tracing.js';

/**
 * Side-effect entry imported first by every main.ts (`import '@koppel/telemetry/register'`),
 * so the SDK is running before fastify, pg and kafkajs load. It reads the standard OTel
 * variables: OTEL_SERVICE_NAME and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (unset: no export).
 * Packages' requires are resolved once per requiring file (resolve-cache.ts).
 */
cachePackageResolution();
export const tracing: Tracing = startTracing({
  serviceName: process.env.OTEL_SERVICE_NAME ?? 'koppel',
  tracesEndpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
});
