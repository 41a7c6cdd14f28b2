import { tracing } from '@koppel/telemetry/register';
import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import {
  createConnectionRepository,
  createCredentialCipher,
  createJourneyRepository,
  parseCredentialsKey,
} from '@koppel/db';
import { runDeployable } from '@koppel/service-kit';
import { z } from 'zod';
import { buildDeliveryApp, startDelivery } from './app.js';

const config = parseConfig(
  'delivery',
  baseServiceEnvSchema.extend({
    /** AES key (32 bytes, hex or base64) that opens connection credentials. */
    CREDENTIALS_KEY: z.string().min(32),
  }),
);
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
await runDeployable({
  serviceName: 'delivery',
  config,
  tracing,
  build: async (runtime) => {
    const app = buildDeliveryApp({
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      logLevel: config.LOG_LEVEL,
    });
    const subscription = await startDelivery({
      bus: runtime.bus,
      connections: createConnectionRepository(runtime.database.db, cipher),
      journey: createJourneyRepository(runtime.database.db),
      metrics: runtime.metrics,
      topicPrefix: runtime.topicPrefix,
      log: app.log,
    });
    return { app, stop: () => subscription.stop() };
  },
});
