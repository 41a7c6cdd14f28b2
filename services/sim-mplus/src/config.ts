import { z } from 'zod';

/** Environment of the MplusKASSA simulator; parsed once, frozen, fails fast listing every problem. */
const configSchema = z.object({
  /** TCP port to listen on (real tenants get a personal five-digit port). */
  SIM_MPLUS_PORT: z.coerce.number().int().min(1).max(65535).default(4103),
  /** Interface to bind; loopback unless exposed on purpose. */
  SIM_MPLUS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Optional path of a JSON file that keeps the state across restarts. */
  SIM_MPLUS_STATE_FILE: z.string().min(1).optional(),
  /** The accepted `ident` query parameter (no default: a credential). */
  SIM_MPLUS_IDENT: z.string().min(1),
  /** The accepted `secret` query parameter (no default: a credential). */
  SIM_MPLUS_SECRET: z.string().min(1),
  /** Requests allowed per window per ident; 0 switches the limit off. */
  SIM_MPLUS_RATE_LIMIT_REQUESTS: z.coerce.number().int().min(0).default(20),
  /** Rate limit window in milliseconds. */
  SIM_MPLUS_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(1000),
});

export type MplusSimulatorConfig = Readonly<z.infer<typeof configSchema>>;

export function loadConfig(env: Record<string, string | undefined>): MplusSimulatorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid sim-mplus configuration:\n  ${problems}`);
  }
  return Object.freeze(parsed.data);
}
