/**
 * The whole main.ts of a target connector deployable: env parsed once (fails fast listing every
 * problem), runtime, health/readiness/metrics app, the connector's consumer, graceful shutdown.
 * Tracing is started by the deployable's first import (`@koppel/telemetry/register`) and handed
 * in, so it is flushed last on shutdown.
 */
import { parseConfig } from '@koppel/config';
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import { createConnectionRepository, createCredentialCipher, parseCredentialsKey } from '@koppel/db';
import { runConsumerDeployable } from '../run-consumer-deployable.js';
import { startTargetConnector } from './start-target-connector.js';
import { targetRunnerEnvSchema } from './target-runner-config.js';

export type RunTargetConnectorOptions = {
  tracing: { shutdown(): Promise<void> };
  /** The env to parse; `process.env` when absent. */
  env?: NodeJS.ProcessEnv;
};

export function runTargetConnector(
  connector: AnyTargetConnector,
  options: RunTargetConnectorOptions,
): Promise<void> {
  const serviceName = `connector-${connector.system}`;
  const config = parseConfig(serviceName, targetRunnerEnvSchema, options.env);
  const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
  return runConsumerDeployable({
    serviceName,
    config,
    tracing: options.tracing,
    start: (stage, runtime) =>
      startTargetConnector(connector, {
        ...stage,
        db: runtime.database.db,
        connections: createConnectionRepository(runtime.database.db, cipher),
        requestTimeoutMs: config.TARGET_REQUEST_TIMEOUT_MS,
        retry: {
          maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
          baseDelayMs: config.DELIVERY_BACKOFF_BASE_MS,
          maxDelayMs: config.DELIVERY_BACKOFF_MAX_MS,
        },
      }),
  });
}
