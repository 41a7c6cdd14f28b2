/**
 * `deliveries.<system>` → one order booked in the target, through the generic delivery steps
 * (prepare, ledger, look-up, debtor once per customer, products, document).
 */
import { fromBinary } from '@bufbuild/protobuf';
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import { DeliveryRequestSchema } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import type { IncomingMessage } from '@koppel/kafka';
import { type DeliveryStores, deliverOrder } from '@koppel/target-delivery';
import type { ServiceMetrics } from '@koppel/telemetry';

export type DeliveryRequestHandlerDeps = {
  connector: AnyTargetConnector;
  /** The cached session of a connection (`createSessionCache(...).sessionFor`). */
  sessionFor(connectionId: string): Promise<unknown>;
  stores: DeliveryStores;
  metrics: ServiceMetrics;
};

export function createDeliveryRequestHandler(deps: DeliveryRequestHandlerDeps) {
  const system = deps.connector.system;
  return async (message: IncomingMessage): Promise<void> => {
    const request = decode(message.value, system);
    const order = request.resolved?.order;
    const customer = request.resolved?.customer;
    if (!order || !customer) {
      throw appError('DECODE_FAILED', 'delivery request lacks the order or its customer', {
        field: 'resolved',
      });
    }
    const session = await deps.sessionFor(order.connectionId);
    const outcome = await deliverOrder(deps.connector, session, deps.stores, order, customer);
    deps.metrics.ordersTotal.inc({ stage: 'delivery', result: outcome.kind, system });
  };
}

function decode(value: Uint8Array, system: string) {
  try {
    return fromBinary(DeliveryRequestSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', `deliveries.${system} record is not a DeliveryRequest`, {
      field: 'value',
      cause,
    });
  }
}
