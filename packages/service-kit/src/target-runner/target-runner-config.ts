/** Environment of a target connector deployable: the shared service env plus delivery tuning. */
import { baseServiceEnvSchema } from '@koppel/config';
import { z } from 'zod';

export const targetRunnerEnvSchema = baseServiceEnvSchema.extend({
  /** AES key (32 bytes, hex or base64) that opens connection credentials. No default: a secret. */
  CREDENTIALS_KEY: z.string().min(32),
  /** Timeout of one request to the target system (API or token endpoint), in milliseconds. */
  TARGET_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  /** Attempts for a retryable failure (timeouts, 5xx, 429) before the order is dead-lettered (count). */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** First backoff delay in milliseconds; doubles per attempt with jitter. */
  DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(500),
  /** Longest backoff delay in milliseconds (a longer Retry-After still wins). */
  DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(60000),
});

export type TargetRunnerEnv = z.infer<typeof targetRunnerEnvSchema>;
