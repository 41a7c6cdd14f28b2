import { z } from 'zod';

/** Environment of the standalone simulator; parsed once, frozen, fails listing every problem. */
const ConfigSchema = z.object({
  // TCP port to listen on (number).
  ASPERION_SIM_PORT: z.coerce.number().int().min(1).max(65535).default(4101),
  // Interface to bind; loopback unless you mean to expose the sandbox.
  ASPERION_SIM_HOST: z.string().min(1).default('127.0.0.1'),
  // Path of a JSON file keeping the state across restarts (optional; in-memory when unset).
  ASPERION_SIM_STATE_FILE: z.string().min(1).optional(),
  // Public base URL used in `_meta` links, e.g. https://asperion.sandbox.example (optional).
  ASPERION_SIM_PUBLIC_URL: z.url().optional(),
  // Skip the consent screen on /connect/authorize (true/false).
  ASPERION_SIM_AUTO_APPROVE: z.enum(['true', 'false']).default('false'),
  // Access token lifetime in seconds.
  ASPERION_SIM_ACCESS_TOKEN_SECONDS: z.coerce.number().int().positive().default(3600),
  // API rate limit: requests per minute per client+user; 0 disables.
  ASPERION_SIM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(300),
});

export type AsperionSimConfig = Readonly<z.output<typeof ConfigSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv): AsperionSimConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment:\n${z.prettifyError(parsed.error)}`);
  return Object.freeze(parsed.data);
}
