import { tracing } from '@koppel/telemetry/register';
import {
  createAuthFailureRepository,
  createConnectionRepository,
  createCredentialCipher,
  createInboxRepository,
  createJourneyRepository,
  parseCredentialsKey,
} from '@koppel/db';
import { runDeployable } from '@koppel/service-kit';
import { buildIngestApp } from './app.js';
import { loadIngestConfig } from './config.js';

const config = loadIngestConfig();
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
await runDeployable({
  serviceName: 'ingest',
  config,
  tracing,
  build: async (runtime) => {
    const db = runtime.database.db;
    const app = await buildIngestApp({
      bus: runtime.bus,
      connections: createConnectionRepository(db, cipher),
      inbox: createInboxRepository(db),
      journey: createJourneyRepository(db),
      cipher,
      topicPrefix: runtime.topicPrefix,
      registry: runtime.metrics.registry,
      readiness: runtime.readiness,
      bodyLimitBytes: config.WEBHOOK_BODY_LIMIT_BYTES,
      trustProxy: config.TRUST_PROXY,
      logLevel: config.LOG_LEVEL,
      authFailures: createAuthFailureRepository(db),
      authFailurePolicy: {
        perAddress: config.AUTH_FAILURES_PER_ADDRESS,
        perConnection: config.AUTH_FAILURES_PER_CONNECTION,
        windowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS,
      },
    });
    return { app };
  },
});
