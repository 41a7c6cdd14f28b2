import { z } from 'zod';

const count = z.coerce.number().int().min(0);

/** Environment of the standalone simulator (`src/main.ts`); parsed once, frozen, fails listing every problem. */
const configSchema = z
  .object({
    /** TCP port to listen on; real tenants get a personal five-digit port. 0 lets the OS choose. */
    PORT: z.coerce.number().int().min(0).max(65535).default(4105),
    /** Interface to bind; loopback unless exposed on purpose, 0.0.0.0 in containers. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** JSON file holding the state across restarts (path); unset keeps state in memory only. */
    STATE_FILE: z.string().min(1).optional(),
    /** Accepted `ident` query parameter; with MPLUS_SECRET. Unset: the built-in sandbox pair. */
    MPLUS_IDENT: z.string().min(1).optional(),
    /** Accepted `secret` query parameter (a credential, no default); with MPLUS_IDENT. */
    MPLUS_SECRET: z.string().min(1).optional(),
    /** API rate limit: calls per window per ident (count); 0 switches it off. */
    MPLUS_RATE_LIMIT_REQUESTS: count.default(20),
    /** API rate limit window (milliseconds). */
    MPLUS_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(1000),
  })
  .refine((c) => (c.MPLUS_IDENT === undefined) === (c.MPLUS_SECRET === undefined), {
    message: 'set MPLUS_IDENT and MPLUS_SECRET together',
    path: ['MPLUS_SECRET'],
  });

export type MplusSimulatorConfig = Readonly<z.infer<typeof configSchema>>;

export function loadConfig(env: Record<string, string | undefined> = process.env): MplusSimulatorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid configuration for sim-mplus:\n${problems.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}
