import { hostname } from 'node:os';
import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import type { AnySourceConnector } from '@koppel/connector-sdk';
import {
  createConnectionRepository,
  createCredentialCipher,
  createInboxRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  parseCredentialsKey,
} from '@koppel/db';
import { z } from 'zod';
import { buildServiceApp } from '../build-service-app.js';
import { runDeployable } from '../run-deployable.js';
import { startSourceWriteBack } from '../source-write-back/start-source-write-back.js';
import { startSourcePoller } from './start-source-poller.js';

/** The env of a source poller deployable (on top of the base service env). */
export const sourcePollerEnvSchema = baseServiceEnvSchema.extend({
  /** AES key (32 bytes, hex or base64) that opens connection credentials. No default: a secret. */
  CREDENTIALS_KEY: z.string().min(32),
  /** Milliseconds between poll ticks (each claims the connections that are due). */
  POLL_TICK_MS: z.coerce.number().int().positive().default(1000),
  /** Milliseconds one claim holds a connection; renewed every third of it while polling. */
  POLL_LEASE_MS: z.coerce.number().int().min(1000).default(60000),
  /** Connections one replica polls at once (count). */
  POLL_CONCURRENCY: z.coerce.number().int().positive().default(4),
  /** Milliseconds between syncs of poll schedules with the connections' settings. */
  POLL_SCHEDULE_SYNC_MS: z.coerce.number().int().positive().default(30000),
  /** Seconds to wait after a first failed poll; doubles per consecutive failure. */
  POLL_BACKOFF_BASE_SECONDS: z.coerce.number().int().positive().default(5),
  /** Longest wait in seconds after failed polls (a longer Retry-After still wins). */
  POLL_BACKOFF_MAX_SECONDS: z.coerce.number().int().positive().default(900),
  /** Timeout of one call to the source's API, in milliseconds. */
  SOURCE_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  /** This replica's name in lease tokens (default: the host name, the pod name in Kubernetes). */
  POLLER_INSTANCE_ID: z.string().min(1).optional(),
});

export type SourcePollerEnv = z.infer<typeof sourcePollerEnvSchema>;

/**
 * The whole main.ts of a source connector's poller deployable (`connector-<system>`): env,
 * runtime, an HTTP app with health, readiness and metrics, and the poll loop, stopped first on
 * shutdown so a running poll stores its cursor.
 */
export async function runSourcePoller(
  connector: AnySourceConnector,
  options: { tracing: { shutdown(): Promise<void> }; env?: Record<string, string | undefined> },
): Promise<void> {
  const serviceName = `connector-${connector.system}`;
  const config = parseConfig(serviceName, sourcePollerEnvSchema, options.env ?? process.env);
  const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
  await runDeployable({
    serviceName,
    config,
    tracing: options.tracing,
    build: async (runtime) => {
      const db = runtime.database.db;
      const app = buildServiceApp({
        serviceName,
        readiness: runtime.readiness,
        registry: runtime.metrics.registry,
        logLevel: config.LOG_LEVEL,
      });
      const connections = createConnectionRepository(db, cipher);
      const journey = createJourneyRepository(db);
      const poller = startSourcePoller(connector, {
        connections,
        schedules: createPollScheduleRepository(db),
        intake: {
          bus: runtime.bus,
          inbox: createInboxRepository(db),
          journey,
          topicPrefix: runtime.topicPrefix,
        },
        metrics: runtime.metrics,
        log: app.log,
        instanceId: config.POLLER_INSTANCE_ID ?? hostname(),
        tickMs: config.POLL_TICK_MS,
        leaseMs: config.POLL_LEASE_MS,
        claimLimit: config.POLL_CONCURRENCY,
        scheduleSyncMs: config.POLL_SCHEDULE_SYNC_MS,
        backoff: {
          baseSeconds: config.POLL_BACKOFF_BASE_SECONDS,
          maxSeconds: config.POLL_BACKOFF_MAX_SECONDS,
        },
        session: { requestTimeoutMs: config.SOURCE_REQUEST_TIMEOUT_MS },
      });
      // The shop's write-back (invoice number, status) runs beside its poller: same credentials.
      const writeBack = await startSourceWriteBack(connector, {
        bus: runtime.bus,
        journey,
        metrics: runtime.metrics,
        topicPrefix: runtime.topicPrefix,
        log: app.log,
        connections,
        session: { requestTimeoutMs: config.SOURCE_REQUEST_TIMEOUT_MS },
      });
      return {
        app,
        stop: async () => {
          await poller.stop();
          await writeBack?.stop();
        },
      };
    },
  });
}
