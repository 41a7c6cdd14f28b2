import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import { z } from 'zod';

const ingestEnvSchema = baseServiceEnvSchema.extend({
  /** AES key (32 bytes, hex or base64) that opens connection credentials (signing secrets). */
  CREDENTIALS_KEY: z.string().min(32),
  /** Largest webhook body accepted, in bytes. */
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Trust X-Forwarded-For from the ingress so IP allowlists see the shop's address. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Wrong webhook secrets/signatures one source address may send per window (count). */
  AUTH_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(10),
  /** Wrong webhook secrets/signatures one connection may receive per window, from any address (count). */
  AUTH_FAILURES_PER_CONNECTION: z.coerce.number().int().positive().default(50),
  /** Length of the authentication failure window, in seconds. */
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
});

export type IngestConfig = z.infer<typeof ingestEnvSchema>;

export function loadIngestConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<IngestConfig> {
  return parseConfig('ingest', ingestEnvSchema, env);
}
