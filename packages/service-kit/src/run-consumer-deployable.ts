import type { BaseServiceEnv } from '@koppel/config';
import { createJourneyRepository, type JourneyRepository } from '@koppel/db';
import type { MessageBus, Subscription } from '@koppel/kafka';
import type { ServiceMetrics } from '@koppel/telemetry';
import type { FastifyBaseLogger } from 'fastify';
import { buildServiceApp } from './build-service-app.js';
import { runDeployable } from './run-deployable.js';
import type { ServiceRuntime } from './service-runtime.js';

/** What every pipeline stage's `start*` function takes, ready-made from the runtime. */
export type PipelineStageDeps = {
  bus: MessageBus;
  journey: JourneyRepository;
  metrics: ServiceMetrics;
  topicPrefix: string;
  log: FastifyBaseLogger;
};

/**
 * main.ts of a deployable that only consumes (mapping, customer-registry, delivery, target
 * connectors): the runtime, an HTTP app with health, readiness and metrics only, and the stage's
 * subscription, stopped first on shutdown so it commits what it processed.
 */
export function runConsumerDeployable(options: {
  serviceName: string;
  config: BaseServiceEnv;
  tracing: { shutdown(): Promise<void> };
  start: (stage: PipelineStageDeps, runtime: ServiceRuntime) => Promise<Subscription>;
}): Promise<void> {
  return runDeployable({
    serviceName: options.serviceName,
    config: options.config,
    tracing: options.tracing,
    build: async (runtime) => {
      const app = buildServiceApp({
        serviceName: options.serviceName,
        readiness: runtime.readiness,
        registry: runtime.metrics.registry,
        logLevel: options.config.LOG_LEVEL,
      });
      const subscription = await options.start(
        {
          bus: runtime.bus,
          journey: createJourneyRepository(runtime.database.db),
          metrics: runtime.metrics,
          topicPrefix: runtime.topicPrefix,
          log: app.log,
        },
        runtime,
      );
      return { app, stop: () => subscription.stop() };
    },
  });
}
