/**
 * The whole main.ts of a target connector deployable: env parsed once (fails fast listing every
 * problem), runtime, health/readiness/metrics app, the connector's consumer, graceful shutdown.
 * Tracing is started by the deployable's first import (`@koppel/telemetry/register`) and handed
 * in, so it is flushed last on shutdown.
 */
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import { openConnectorStartup, runConnectorDeployable, startTargetRole } from '../connector-runtime.js';
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
  const startup = openConnectorStartup(connector.system, targetRunnerEnvSchema, options.env);
  return runConnectorDeployable(startup, options.tracing, async (parts) => [
    await startTargetRole(connector, parts, startup.config),
  ]);
}
