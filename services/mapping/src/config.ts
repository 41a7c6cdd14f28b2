import { baseServiceEnvSchema, parseConfig } from '@koppel/config';
import { z } from 'zod';

const mappingEnvSchema = baseServiceEnvSchema.extend({
  /** AES key (32 bytes, hex or base64) that opens connection credentials. */
  CREDENTIALS_KEY: z.string().min(32),
});

export type MappingConfig = z.infer<typeof mappingEnvSchema>;

export function loadMappingConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<MappingConfig> {
  return parseConfig('mapping', mappingEnvSchema, env);
}
