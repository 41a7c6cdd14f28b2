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
});

export type IngestConfig = z.infer<typeof ingestEnvSchema>;

export function loadIngestConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<IngestConfig> {
  return parseConfig('ingest', ingestEnvSchema, env);
}
