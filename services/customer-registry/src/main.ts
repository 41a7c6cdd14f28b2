import { tracing } from '@koppel/telemetry/register';
import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import { createCustomerRepository, createJourneyRepository } from '@koppel/db';
import { runDeployable } from '@koppel/service-kit';
import { buildCustomerRegistryApp, startCustomerRegistry } from './app.js';

const config = parseConfig('customer-registry', baseServiceEnvSchema);
await runDeployable({
  serviceName: 'customer-registry',
  config,
  tracing,
  build: async (runtime) => {
    const app = buildCustomerRegistryApp({
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      logLevel: config.LOG_LEVEL,
    });
    const subscription = await startCustomerRegistry({
      bus: runtime.bus,
      customers: createCustomerRepository(runtime.database.db),
      journey: createJourneyRepository(runtime.database.db),
      metrics: runtime.metrics,
      topicPrefix: runtime.topicPrefix,
      log: app.log,
    });
    return { app, stop: () => subscription.stop() };
  },
});
