import { tracing } from '@koppel/telemetry/register';
import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import { createConnectionRepository, createCredentialCipher, parseCredentialsKey } from '@koppel/db';
import { runConsumerDeployable } from '@koppel/service-kit';
import { z } from 'zod';
import { startAsperionConnector } from './app.js';

const config = parseConfig(
  'connector-asperion',
  baseServiceEnvSchema.extend({
    /** AES key (32 bytes, hex or base64) that opens connection credentials. */
    CREDENTIALS_KEY: z.string().min(32),
    /** Timeout of one Asperion API call, in milliseconds. */
    ASPERION_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
    /** Sustained Asperion API calls per second per connection (client-side token bucket). */
    ASPERION_REQUESTS_PER_SECOND: z.coerce.number().positive().default(4),
    /** Calls allowed at once after a quiet spell. */
    ASPERION_BURST: z.coerce.number().int().positive().default(8),
    /** Attempts for a retryable failure (timeouts, 5xx, 429) before the order is dead-lettered. */
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
    /** First backoff delay in milliseconds; doubles per attempt with jitter. */
    DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(500),
    /** Longest backoff delay in milliseconds (a longer Retry-After still wins). */
    DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(60000),
  }),
);
const cipher = createCredentialCipher(parseCredentialsKey(config.CREDENTIALS_KEY));
await runConsumerDeployable({
  serviceName: 'connector-asperion',
  config,
  tracing,
  start: (stage, runtime) =>
    startAsperionConnector({
      ...stage,
      db: runtime.database.db,
      connections: createConnectionRepository(runtime.database.db, cipher),
      requestTimeoutMs: config.ASPERION_REQUEST_TIMEOUT_MS,
      rateLimit: { requestsPerSecond: config.ASPERION_REQUESTS_PER_SECOND, burst: config.ASPERION_BURST },
      retry: {
        maxAttempts: config.DELIVERY_MAX_ATTEMPTS,
        baseDelayMs: config.DELIVERY_BACKOFF_BASE_MS,
        maxDelayMs: config.DELIVERY_BACKOFF_MAX_MS,
      },
    }),
});
