import { z } from 'zod';

/** Environment of the AccountView simulator; parsed once, frozen, fails fast listing every problem. */
const configSchema = z.object({
  /** TCP port to listen on. */
  SIM_ACCOUNTVIEW_PORT: z.coerce.number().int().min(1).max(65535).default(4102),
  /** Interface to bind; loopback unless exposed on purpose. */
  SIM_ACCOUNTVIEW_HOST: z.string().min(1).default('127.0.0.1'),
  /** Optional path of a JSON file that keeps the state across restarts. */
  SIM_ACCOUNTVIEW_STATE_FILE: z.string().min(1).optional(),
  /** Requests allowed per window per access token; 0 switches the limit off. */
  SIM_ACCOUNTVIEW_RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(20),
  /** Rate limit window in milliseconds. */
  SIM_ACCOUNTVIEW_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(1000),
  /** Access token lifetime in seconds. */
  SIM_ACCOUNTVIEW_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).default(3600),
});

export type AccountviewSimulatorConfig = Readonly<z.infer<typeof configSchema>>;

export function loadConfig(env: Record<string, string | undefined>): AccountviewSimulatorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid sim-accountview configuration:\n  ${problems}`);
  }
  return Object.freeze(parsed.data);
}
