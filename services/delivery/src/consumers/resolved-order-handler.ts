import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  DeliveryRequestSchema,
  deliveryTopicFor,
  orderKey,
  ResolvedOrderEventSchema,
  topicName,
} from '@koppel/contracts';
import { findTargetConnector } from '@koppel/connector-registry';
import type { ConnectionRepository, JourneyRepository } from '@koppel/db';
import { appError } from '@koppel/errors';
import { type IncomingMessage, type MessageBus, publishTraced } from '@koppel/kafka';

export type ResolvedOrderHandlerDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  topicPrefix: string;
};

/**
 * orders.resolved → deliveries.<target>: each target connector is its own deployable reading
 * its own topic, so an outage of one target holds up no other.
 */
export function createResolvedOrderHandler(deps: ResolvedOrderHandlerDeps) {
  return async (message: IncomingMessage): Promise<void> => {
    const resolved = decode(message.value);
    const order = resolved.order;
    if (!order) throw appError('DECODE_FAILED', 'orders.resolved record has no order', { field: 'order' });
    const connection = await deps.connections.find(order.connectionId);
    if (!connection) {
      throw appError('NOT_FOUND', `connection ${order.connectionId} no longer exists`, {
        field: 'connectionId',
      });
    }
    if (!findTargetConnector(connection.targetSystem)) {
      throw appError('VALIDATION_FAILED', `Koppel has no target connector for "${connection.targetSystem}"`, {
        field: 'connection.targetSystem',
      });
    }
    const topic = topicName(deliveryTopicFor(connection.targetSystem), deps.topicPrefix);
    const request = create(DeliveryRequestSchema, {
      deliveryId: randomUUID(),
      targetSystem: connection.targetSystem,
      resolved,
      requestedAt: timestampFromDate(new Date()),
    });
    await publishTraced(deps.bus, topic, [
      {
        key: orderKey(order.connectionId, order.externalId),
        value: toBinary(DeliveryRequestSchema, request),
      },
    ]);
    await deps.journey.record(order.connectionId, order.externalId, 'routed', {
      targetSystem: connection.targetSystem,
      deliveryId: request.deliveryId,
    });
  };
}

function decode(value: Uint8Array) {
  try {
    return fromBinary(ResolvedOrderEventSchema, value);
  } catch (cause) {
    throw appError('DECODE_FAILED', 'orders.resolved record is not a ResolvedOrderEvent', {
      field: 'value',
      cause,
    });
  }
}
