/**
 * The whole main.ts of a connector deployable whose system is both a source and a target
 * (MplusKASSA: orders in from shops, till orders out to shops): one process, one env, one HTTP
 * app (health, readiness, metrics), running the source poller (and its write-back) and/or the
 * target consumer. Shutdown stops the poller first (a running poll stores its cursor), then the
 * consumer commits what it processed. A system with one role can use this too.
 */
import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import {
  openConnectorStartup,
  runConnectorDeployable,
  startSourceRoles,
  startTargetRole,
} from './connector-runtime.js';
import { sourcePollerEnvSchema } from './source-poller/source-poller-config.js';
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
  const startup = openConnectorStartup(system, connectorEnvSchema, options.env);
  await runConnectorDeployable(startup, options.tracing, async (parts) => {
    const { source, target } = roles;
    const sourceRoles = source
      ? await startSourceRoles(source, parts, startup.config, source.poller !== undefined)
      : [];
    return [...sourceRoles, target ? await startTargetRole(target, parts, startup.config) : undefined];
  });
}
