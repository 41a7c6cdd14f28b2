import { topics } from '@koppel/contracts';
import type { CustomerRepository, JourneyRepository } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import { startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger } from 'fastify';
import { createMappedOrderHandler } from './consumers/mapped-order-handler.js';

export type CustomerRegistryDeps = {
  bus: MessageBus;
  customers: CustomerRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/** Starts consuming orders.mapped; stop() commits what was processed. */
export function startCustomerRegistry(deps: CustomerRegistryDeps): Promise<Subscription> {
  return startPipelineConsumer({
    ...deps,
    stage: 'customer-registry',
    source: topics.ordersMapped,
    groupId: 'koppel-customer-registry',
    handler: createMappedOrderHandler(deps),
  });
}
