/** Public entry of the MplusKASSA connector deployable, for the embedded mode and tests. */
import { mplusConnector } from '@koppel/connector-mplus';
import type { Subscription } from '@koppel/kafka';
import { startTargetConnector, type TargetConnectorDeps } from '@koppel/service-kit';

export type MplusConnectorServiceDeps = TargetConnectorDeps;

/** The generic target runner bound to MplusKASSA: consumes `deliveries.mplus`. */
export function startMplusConnector(deps: TargetConnectorDeps): Promise<Subscription> {
  return startTargetConnector(mplusConnector, deps);
}
