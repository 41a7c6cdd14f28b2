import type { AnySourceConnector } from '@koppel/connector-sdk';
import { openConnectorStartup, runConnectorDeployable, startSourceRoles } from '../connector-runtime.js';
import { sourcePollerEnvSchema } from './source-poller-config.js';

export { type SourcePollerEnv, sourcePollerEnvSchema } from './source-poller-config.js';

/**
 * The whole main.ts of a source connector's poller deployable (`connector-<system>`): env,
 * runtime, an HTTP app with health, readiness and metrics, and the poll loop, stopped first on
 * shutdown so a running poll stores its cursor.
 */
export async function runSourcePoller(
  connector: AnySourceConnector,
  options: { tracing: { shutdown(): Promise<void> }; env?: Record<string, string | undefined> },
): Promise<void> {
  const startup = openConnectorStartup(connector.system, sourcePollerEnvSchema, options.env);
  await runConnectorDeployable(startup, options.tracing, (parts) =>
    startSourceRoles(connector, parts, startup.config, true),
  );
}
