import { topics } from '@koppel/contracts';
import type { ConnectionRepository, JourneyRepository } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import { buildServiceApp, type ReadinessCheck, startPipelineConsumer } from '@koppel/service-kit';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createRawOrderHandler } from './consumers/raw-order-handler.js';

export type MappingDeps = {
  bus: MessageBus;
  connections: ConnectionRepository;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/** The mapping HTTP app: health, readiness and metrics only. Never listens. */
export function buildMappingApp(deps: {
  metrics: ServiceMetrics;
  readiness: Record<string, ReadinessCheck>;
  logLevel?: string;
}): FastifyInstance {
  return buildServiceApp({
    serviceName: 'mapping',
    readiness: deps.readiness,
    registry: deps.metrics.registry,
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
  });
}

/** Starts consuming orders.raw; stop() commits what was processed. */
export function startMapping(deps: MappingDeps): Promise<Subscription> {
  return startPipelineConsumer({
    ...deps,
    stage: 'mapping',
    source: topics.ordersRaw,
    groupId: 'koppel-mapping',
    handler: createRawOrderHandler(deps),
  });
}
