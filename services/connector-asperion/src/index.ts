/** Public entry of the Asperion connector deployable, for the embedded mode and tests. */
import { asperionConnector } from '@koppel/connector-asperion';
import type { Subscription } from '@koppel/kafka';
import { startTargetConnector, type TargetConnectorDeps } from '@koppel/service-kit';

export type AsperionConnectorServiceDeps = TargetConnectorDeps;

/** The generic target runner bound to Asperion: consumes `deliveries.asperion`. */
export function startAsperionConnector(deps: TargetConnectorDeps): Promise<Subscription> {
  return startTargetConnector(asperionConnector, deps);
}
