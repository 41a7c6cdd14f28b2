import { topics } from '@koppel/contracts';
import type { CustomerRepository, JourneyRepository } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import { buildServiceApp, type ReadinessCheck, startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createMappedOrderHandler } from './consumers/mapped-order-handler.js';

export type CustomerRegistryDeps = {
  bus: MessageBus;
  customers: CustomerRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/** Health, readiness and metrics. Never listens. */
export function buildCustomerRegistryApp(deps: {
  metrics: ServiceMetrics;
  readiness: Record<string, ReadinessCheck>;
  logLevel?: string;
}): FastifyInstance {
  return buildServiceApp({
    serviceName: 'customer-registry',
    readiness: deps.readiness,
    registry: deps.metrics.registry,
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
  });
}

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
