import { booleanSchema, parseConfig, portSchema } from '@koppel/config';
import { z } from 'zod';

/** Environment of the standalone simulator (`src/main.ts`). */
export const configSchema = z.object({
  /** TCP port to listen on; 0 lets the OS choose. */
  PORT: portSchema.default(4104),
  /** Interface to bind; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** JSON file holding the state across restarts (path); unset keeps state in memory only. */
  STATE_FILE: z.string().min(1).optional(),
  /** Shop number of a shop to create at start (digits); more via POST /_control/shops. */
  MYSHOP_SHOP_NUMBER: z.string().regex(/^\d+$/).optional(),
  /** That shop's order-pull private key (secret, no default). */
  MYSHOP_PRIVATE_KEY: z.string().min(1).optional(),
  /** Only this client IP may pull that shop's orders; unset = any IP. */
  MYSHOP_ALLOWED_IP: z.string().min(1).optional(),
  /** `day` (default, coarse like the vendor warns) or `exact` change_time filtering. */
  MYSHOP_CHANGE_TIME_GRANULARITY: z.enum(['day', 'exact']).default('day'),
  /** Log every request (true/false). */
  LOG_REQUESTS: booleanSchema.default(false),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const config = parseConfig('sim-myshop', configSchema, env);
  if ((config.MYSHOP_SHOP_NUMBER === undefined) !== (config.MYSHOP_PRIVATE_KEY === undefined)) {
    throw new Error(
      'Invalid configuration for sim-myshop: set MYSHOP_SHOP_NUMBER and MYSHOP_PRIVATE_KEY together',
    );
  }
  return config;
}
