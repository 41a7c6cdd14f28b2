import { tracing } from '@koppel/telemetry/register';
import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import { createCustomerRepository } from '@koppel/db';
import { runConsumerDeployable } from '@koppel/service-kit';
import { startCustomerRegistry } from './app.js';

const config = parseConfig('customer-registry', baseServiceEnvSchema);
await runConsumerDeployable({
  serviceName: 'customer-registry',
  config,
  tracing,
  start: (stage, runtime) =>
    startCustomerRegistry({ ...stage, customers: createCustomerRepository(runtime.database.db) }),
});
