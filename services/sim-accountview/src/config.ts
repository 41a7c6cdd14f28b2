import { z } from 'zod';

/** Environment of the standalone AccountView simulator; parsed once, frozen, fails listing every problem. */
const configSchema = z.object({
  // TCP port to listen on (number).
  PORT: z.coerce.number().int().min(1).max(65535).default(4102),
  // Interface to bind; loopback unless the sandbox is meant to be exposed.
  HOST: z.string().min(1).default('127.0.0.1'),
  // Path of a JSON file keeping the state across restarts (optional; in-memory when unset).
  STATE_FILE: z.string().min(1).optional(),
  // API rate limit: requests per window per access token (count); 0 switches the limit off.
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(20),
  // Rate limit window (milliseconds).
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(1000),
  // Access token lifetime (seconds).
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).default(3600),
});

export type AccountviewSimulatorConfig = Readonly<z.output<typeof configSchema>>;

export function loadConfig(env: Record<string, string | undefined>): AccountviewSimulatorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(`Invalid sim-accountview environment:\n${z.prettifyError(parsed.error)}`);
  return Object.freeze(parsed.data);
}
