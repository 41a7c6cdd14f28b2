import { tracing } from '@koppel/telemetry/register';
import {
  createConnectionRepository,
  createCredentialCipher,
  createJourneyRepository,
  parseCredentialsKey,
} from '@koppel/db';
import { runDeployable } from '@koppel/service-kit';
import { buildMappingApp, startMapping } from './app.js';
import { loadMappingConfig } from './config.js';

const config = loadMappingConfig();
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
await runDeployable({
  serviceName: 'mapping',
  config,
  tracing,
  build: async (runtime) => {
    const app = buildMappingApp({
      metrics: runtime.metrics,
      readiness: runtime.readiness,
      logLevel: config.LOG_LEVEL,
    });
    const subscription = await startMapping({
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
