import {
  type AuthFailureRepository,
  type ConnectionRepository,
  type CredentialCipher,
  type InboxRepository,
  type JourneyRepository,
  shareConnectionLookups,
} from '@koppel/db';
import type { MessageBus } from '@koppel/kafka';
import { buildServiceApp, type ReadinessCheck } from '@koppel/service-kit';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { type AuthFailurePolicy, DEFAULT_AUTH_FAILURE_POLICY } from './routes/auth-failure-guard.js';
import { registerWebhookRoutes } from './routes/webhook-routes.js';

export type IngestDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  inbox: InboxRepository;
  journey: JourneyRepository;
  cipher: CredentialCipher;
  topicPrefix: string;
  registry: Registry;
  readiness: Record<string, ReadinessCheck>;
  bodyLimitBytes?: number;
  trustProxy?: boolean;
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logStream?: { write(line: string): void };
  /**
   * Failed webhook authentications, counted in Postgres so the limit holds across replicas.
   * Without it failures are not rate-limited (the embedded one-process mode may omit it).
   */
  authFailures?: AuthFailureRepository;
  /** Limits on failed authentications; DEFAULT_AUTH_FAILURE_POLICY when omitted. */
  authFailurePolicy?: AuthFailurePolicy;
};

/** The ingest HTTP app: webhooks in, `orders.raw` out. Never listens. */
export async function buildIngestApp(deps: IngestDeps): Promise<FastifyInstance> {
  const app = buildServiceApp({
    serviceName: 'ingest',
    readiness: deps.readiness,
    registry: deps.registry,
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
    logStream: deps.logStream,
    ...(deps.bodyLimitBytes ? { bodyLimitBytes: deps.bodyLimitBytes } : {}),
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
  });
  // Webhook bodies are kept as text: connectors parse them, and signatures cover raw bytes.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/xml', 'text/xml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );
  await registerWebhookRoutes(app, {
    ...deps,
    connections: shareConnectionLookups(deps.connections),
    authFailurePolicy: deps.authFailurePolicy ?? DEFAULT_AUTH_FAILURE_POLICY,
  });
  return app;
}
