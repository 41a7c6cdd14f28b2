/**
 * The whole main.ts of a connector deployable whose system is both a source and a target
 * (MplusKASSA: orders in from shops, till orders out to shops): one process, one env, one HTTP
 * app (health, readiness, metrics), running the source poller (and its write-back) and/or the
 * target consumer. Shutdown stops the poller first (a running poll stores its cursor), then the
 * consumer commits what it processed. A system with one role can use this too.
 */
import { hostname } from 'node:os';
import { parseConfig } from '@koppel/config';
import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import {
  createConnectionRepository,
  createCredentialCipher,
  createInboxRepository,
  createJourneyRepository,
  createPollScheduleRepository,
  parseCredentialsKey,
} from '@koppel/db';
import { buildServiceApp } from './build-service-app.js';
import { runDeployable } from './run-deployable.js';
import { sourcePollerEnvSchema } from './source-poller/run-source-poller.js';
import { startSourcePoller } from './source-poller/start-source-poller.js';
import { startSourceWriteBack } from './source-write-back/start-source-write-back.js';
import { startTargetConnector } from './target-runner/start-target-connector.js';
import { targetRunnerEnvSchema } from './target-runner/target-runner-config.js';

/** The env of a two-role connector deployable: the poller's and the target runner's together. */
export const connectorEnvSchema = sourcePollerEnvSchema.extend(targetRunnerEnvSchema.shape);

export type ConnectorRoles = { source?: AnySourceConnector; target?: AnyTargetConnector };

export async function runConnector(
  roles: ConnectorRoles,
  options: { tracing: { shutdown(): Promise<void> }; env?: Record<string, string | undefined> },
): Promise<void> {
  const system = roles.target?.system ?? roles.source?.system;
  if (system === undefined) throw new Error('runConnector needs a source or a target connector');
  if (roles.source && roles.target && roles.source.system !== roles.target.system) {
    throw new Error(`one deployable runs one system: ${roles.source.system} ≠ ${roles.target.system}`);
  }
  const serviceName = `connector-${system}`;
  const config = parseConfig(serviceName, connectorEnvSchema, options.env ?? process.env);
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
      const session = { requestTimeoutMs: config.SOURCE_REQUEST_TIMEOUT_MS };
      const poller = roles.source?.poller
        ? startSourcePoller(roles.source, {
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
            session,
          })
        : undefined;
      const writeBack = roles.source
        ? await startSourceWriteBack(roles.source, {
            bus: runtime.bus,
            journey,
            metrics: runtime.metrics,
            topicPrefix: runtime.topicPrefix,
            log: app.log,
            connections,
            session,
          })
        : undefined;
      const consumer = roles.target
        ? await startTargetConnector(roles.target, {
            bus: runtime.bus,
            journey,
            metrics: runtime.metrics,
            topicPrefix: runtime.topicPrefix,
            log: app.log,
            db,
            connections,
            requestTimeoutMs: config.TARGET_REQUEST_TIMEOUT_MS,
            retry: {
              maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
              baseDelayMs: config.DELIVERY_BACKOFF_BASE_MS,
              maxDelayMs: config.DELIVERY_BACKOFF_MAX_MS,
            },
          })
        : undefined;
      return {
        app,
        stop: async () => {
          await poller?.stop();
          await writeBack?.stop();
          await consumer?.stop();
        },
      };
    },
  });
}
