import { fromBinary } from '@bufbuild/protobuf';
import type { AsperionConnector } from '@koppel/connector-asperion';
import { DeliveryRequestSchema } from '@koppel/contracts';
import { appError } from '@koppel/errors';
import type { IncomingMessage } from '@koppel/kafka';
import { type DeliveryStores, deliverOrder } from '@koppel/target-delivery';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { createSessionCache } from '../adapters/session-cache.js';

export type DeliveryRequestHandlerDeps = {
  connector: AsperionConnector;
  sessions: ReturnType<typeof createSessionCache>;
  stores: DeliveryStores;
  metrics: ServiceMetrics;
};

/** deliveries.asperion → an Asperion sales invoice (with its debtor), exactly once. */
export function createDeliveryRequestHandler(deps: DeliveryRequestHandlerDeps) {
  return async (message: IncomingMessage): Promise<void> => {
    const request = decode(message.value);
    const order = request.resolved?.order;
    const customer = request.resolved?.customer;
    if (!order || !customer) {
      throw appError('DECODE_FAILED', 'delivery request lacks the order or its customer', {
        field: 'resolved',
      });
    }
    const session = await deps.sessions.sessionFor(order.connectionId);
    const outcome = await deliverOrder(deps.connector, session, deps.stores, order, customer);
    deps.metrics.ordersTotal.inc({ stage: 'delivery', result: outcome.kind, system: 'asperion' });
  };
}

function decode(value: Uint8Array) {
  try {
    return fromBinary(DeliveryRequestSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', 'deliveries.asperion record is not a DeliveryRequest', {
      field: 'value',
      cause,
    });
  }
}
