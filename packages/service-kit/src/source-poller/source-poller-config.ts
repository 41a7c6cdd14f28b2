/** Environment of a source poller deployable: the shared service env plus poll tuning. */
import { baseServiceEnvSchema } from '@koppel/config';
import { z } from 'zod';

export const sourcePollerEnvSchema = baseServiceEnvSchema.extend({
  /** AES key (32 bytes, hex or base64) that opens connection credentials. No default: a secret. */
  CREDENTIALS_KEY: z.string().min(32),
  /** Milliseconds between poll ticks (each claims the connections that are due). */
  POLL_TICK_MS: z.coerce.number().int().positive().default(1000),
  /** Milliseconds one claim holds a connection; renewed every third of it while polling. */
  POLL_LEASE_MS: z.coerce.number().int().min(1000).default(60000),
  /** Connections one replica polls at once (count). */
  POLL_CONCURRENCY: z.coerce.number().int().positive().default(4),
  /** Milliseconds between syncs of poll schedules with the connections' settings. */
  POLL_SCHEDULE_SYNC_MS: z.coerce.number().int().positive().default(30000),
  /** Seconds to wait after a first failed poll; doubles per consecutive failure. */
  POLL_BACKOFF_BASE_SECONDS: z.coerce.number().int().positive().default(5),
  /** Longest wait in seconds after failed polls (a longer Retry-After still wins). */
  POLL_BACKOFF_MAX_SECONDS: z.coerce.number().int().positive().default(900),
  /** Timeout of one call to the source's API, in milliseconds. */
  SOURCE_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  /** This replica's name in lease tokens (default: the host name, the pod name in Kubernetes). */
  POLLER_INSTANCE_ID: z.string().min(1).optional(),
});

export type SourcePollerEnv = z.infer<typeof sourcePollerEnvSchema>;
