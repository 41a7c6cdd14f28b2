import { topics } from '@koppel/contracts';
import { type ConnectionRepository, type JourneyRepository, shareConnectionLookups } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import { startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger } from 'fastify';
import { createRawOrderHandler } from './consumers/raw-order-handler.js';

export type MappingDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/** Starts consuming orders.raw; stop() commits what was processed. */
export function startMapping(deps: MappingDeps): Promise<Subscription> {
  return startPipelineConsumer({
    ...deps,
    stage: 'mapping',
    source: topics.ordersRaw,
    groupId: 'koppel-mapping',
    // Records of one connection in a poll share its read (`shareConnectionLookups`).
    handler: createRawOrderHandler({ ...deps, connections: shareConnectionLookups(deps.connections) }),
  });
}
