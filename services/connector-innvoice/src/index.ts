/** Public entry of the InnVoice connector deployable, for the embedded mode and tests. */
import { innvoiceConnector } from '@koppel/connector-innvoice';
import type { Subscription } from '@koppel/kafka';
import { startTargetConnector, type TargetConnectorDeps } from '@koppel/service-kit';

/** The generic target runner bound to InnVoice: consumes `deliveries.innvoice`. */
export function startInnvoiceConnector(deps: TargetConnectorDeps): Promise<Subscription> {
  return startTargetConnector(innvoiceConnector, deps);
}
