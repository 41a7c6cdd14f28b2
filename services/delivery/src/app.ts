import { topics } from '@koppel/contracts';
import { type ConnectionRepository, type JourneyRepository, shareConnectionLookups } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import { startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger } from 'fastify';
import { createResolvedOrderHandler } from './consumers/resolved-order-handler.js';

export type DeliveryDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/** Starts consuming orders.resolved; stop() commits what was processed. */
export function startDelivery(deps: DeliveryDeps): Promise<Subscription> {
  return startPipelineConsumer({
    ...deps,
    stage: 'delivery',
    source: topics.ordersResolved,
    groupId: 'koppel-delivery',
    // Records of one connection in a poll share its read (`shareConnectionLookups`).
    handler: createResolvedOrderHandler({ ...deps, connections: shareConnectionLookups(deps.connections) }),
  });
}
