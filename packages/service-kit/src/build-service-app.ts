import {
  maskLogArguments,
  PERSONAL_DATA_LOG_PATHS,
  REDACTED,
  redactUrl,
  traceLogFields,
} from '@koppel/telemetry';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Registry } from 'prom-client';
import { answerFrameworkError, installProblemHandler } from './problem-handler.js';

export type ReadinessCheck = () => Promise<boolean>;

export type ServiceAppOptions = {
  serviceName: string;
  /** Named dependencies `/readyz` checks (e.g. kafka, database). */
  readiness: Record<string, ReadinessCheck>;
  registry: Registry;
  logLevel?: string;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void } | undefined;
  bodyLimitBytes?: number;
  /** Trust X-Forwarded-For from the ingress (for IP allowlists behind a proxy). */
  trustProxy?: boolean;
  fastify?: FastifyServerOptions;
};

/**
 * A fastify app with what every Koppel service serves: `/healthz` (the process is alive),
 * `/readyz` (each dependency answers; 503 naming the failing ones), `/metrics` (Prometheus)
 * and problem+json errors. Never listens: main.ts does, tests use `inject`.
 */
export function buildServiceApp(options: ServiceAppOptions): FastifyInstance {
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      base: { service: options.serviceName },
      serializers: { req: serializeRequest },
      // Personal data never in a log line: payload keys censored, e-mails masked (@koppel/telemetry).
      redact: { paths: [...PERSONAL_DATA_LOG_PATHS], censor: REDACTED },
      hooks: { logMethod: maskLogArguments },
      // Every line written inside a span carries its trace_id and span_id.
      mixin: traceLogFields,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Long path parameters reach the routes' own schemas (a 400 naming the field); past this the
    // router's own 400 (answerFrameworkError). fastify's default of 100 is below some documented maxima.
    routerOptions: { maxParamLength: 512 },
    frameworkErrors: answerFrameworkError,
    ...options.fastify,
  });
  installProblemHandler(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const entries = await Promise.all(
      Object.entries(options.readiness).map(
        async ([name, check]) => [name, await check().catch(() => false)] as const,
      ),
    );
    const failing = entries.filter(([, ok]) => !ok).map(([name]) => name);
    const checks = Object.fromEntries(entries.map(([name, ok]) => [name, ok ? 'ok' : 'failing']));
    if (failing.length > 0) return reply.code(503).send({ status: 'unavailable', checks });
    return { status: 'ready', checks };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(options.registry.contentType);
    return options.registry.metrics();
  });
  return app;
}

/**
 * fastify's request log fields with the URL redacted: webhook URLs carry the connection's
 * secret (see @koppel/telemetry redactUrl), and every request is logged with its URL.
 */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
