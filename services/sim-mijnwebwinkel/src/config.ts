import { booleanSchema, parseConfig, portSchema } from '@koppel/config';
import { z } from 'zod';

/** Environment of the standalone simulator (`src/main.ts`). */
export const configSchema = z.object({
  /** TCP port to listen on; 0 lets the OS choose. */
  PORT: portSchema.default(4103),
  /** Interface to bind; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** JSON file holding the state across restarts (path); unset keeps state in memory only. */
  STATE_FILE: z.string().min(1).optional(),
  /** A store token to accept (secret, no default); more via POST /_control/tokens. */
  MWW_STORE_TOKEN: z.string().min(1).optional(),
  /** The partner token the store token is bound to (secret, no default). */
  MWW_PARTNER_TOKEN: z.string().min(1).optional(),
  /** Requests allowed per window per store token; 0 switches the API's own limit off. */
  MWW_RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(10),
  /** Rate-limit window in milliseconds. */
  MWW_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(1000),
  /** Log every request (true/false). */
  LOG_REQUESTS: booleanSchema.default(false),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const config = parseConfig('sim-mijnwebwinkel', configSchema, env);
  if ((config.MWW_STORE_TOKEN === undefined) !== (config.MWW_PARTNER_TOKEN === undefined)) {
    throw new Error(
      'Invalid configuration for sim-mijnwebwinkel: set MWW_STORE_TOKEN and MWW_PARTNER_TOKEN together',
    );
  }
  return config;
}
