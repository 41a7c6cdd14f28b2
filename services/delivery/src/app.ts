import { topics } from '@koppel/contracts';
import type { ConnectionRepository, JourneyRepository } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import { buildServiceApp, type ReadinessCheck, startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createResolvedOrderHandler } from './consumers/resolved-order-handler.js';

export type DeliveryDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/** Health, readiness and metrics. Never listens. */
export function buildDeliveryApp(deps: {
  metrics: ServiceMetrics;
  readiness: Record<string, ReadinessCheck>;
  logLevel?: string;
}): FastifyInstance {
  return buildServiceApp({
    serviceName: 'delivery',
    readiness: deps.readiness,
    registry: deps.metrics.registry,
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
  });
}

/** Starts consuming orders.resolved; stop() commits what was processed. */
export function startDelivery(deps: DeliveryDeps): Promise<Subscription> {
  return startPipelineConsumer({
    ...deps,
    stage: 'delivery',
    source: topics.ordersResolved,
    groupId: 'koppel-delivery',
    handler: createResolvedOrderHandler(deps),
  });
}
