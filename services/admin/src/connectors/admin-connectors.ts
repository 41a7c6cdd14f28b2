import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import type { openConnectionSession } from '@koppel/connector-registry';

/**
 * The connectors the admin API offers and how it opens a connection's session for a check.
 * Production passes nothing and gets @koppel/connector-registry's lists; tests (and a trimmed
 * deployable) pass their own.
 */
export type AdminConnectors = {
  sources: readonly AnySourceConnector[];
  targets: readonly AnyTargetConnector[];
  /** The registry's `openConnectionSession`: parses the stored side and opens a session. */
  openSession: typeof openConnectionSession;
};

/**
 * The registry, imported when first needed rather than at module load: it imports every
 * connector package, which an app given its own connectors (the component tests) need not load.
 */
export async function loadRegistryConnectors(): Promise<AdminConnectors> {
  const registry = await import('@koppel/connector-registry');
  return {
    sources: registry.sourceConnectors,
    targets: registry.targetConnectors,
    openSession: registry.openConnectionSession,
  };
}

export function findSource(connectors: AdminConnectors, system: string): AnySourceConnector | undefined {
  return connectors.sources.find((connector) => connector.system === system);
}

export function findTarget(connectors: AdminConnectors, system: string): AnyTargetConnector | undefined {
  return connectors.targets.find((connector) => connector.system === system);
}
