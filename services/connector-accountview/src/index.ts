/** Public entry of the AccountView connector deployable, for the embedded mode and tests. */
import { accountviewConnector } from '@koppel/connector-accountview';
import type { Subscription } from '@koppel/kafka';
import { startTargetConnector, type TargetConnectorDeps } from '@koppel/service-kit';

export type AccountviewConnectorServiceDeps = TargetConnectorDeps;

/** The generic target runner bound to AccountView: consumes `deliveries.accountview`. */
export function startAccountviewConnector(deps: TargetConnectorDeps): Promise<Subscription> {
  return startTargetConnector(accountviewConnector, deps);
}
