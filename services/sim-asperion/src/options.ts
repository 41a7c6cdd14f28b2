import { z } from 'zod';
import { ASSUMPTIONS } from './domain/assumptions.js';
import { AsperionSeedSchema } from './domain/seed-schema.js';

/** Options of `buildAsperionSimulator`, validated once and frozen. Defaults live in assumptions.ts. */
export const AsperionSimulatorOptionsSchema = z.object({
  /** Replaces the default seed (one administration 12345 with NL VAT codes etc.). */
  seed: AsperionSeedSchema.optional(),
  /** Skip the consent screen on `/connect/authorize` (tests); per call `sim_auto_approve=true`. */
  autoApprove: z.boolean().default(false),
  accessTokenLifetimeSeconds: z.number().int().positive().default(ASSUMPTIONS.accessTokenLifetimeSeconds),
  refreshTokenLifetimeSeconds: z.number().int().positive().default(ASSUMPTIONS.refreshTokenLifetimeSeconds),
  authorizationCodeLifetimeSeconds: z
    .number()
    .int()
    .positive()
    .default(ASSUMPTIONS.authorizationCodeLifetimeSeconds),
  /** The API's own limit per client+user; `false` disables it. */
  rateLimit: z
    .union([
      z.literal(false),
      z.object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() }),
    ])
    .default(ASSUMPTIONS.rateLimit),
  /** Serve the identity routes under a prefix (e.g. `/identity`) instead of the root. */
  identityPrefix: z
    .string()
    .regex(/^(\/[A-Za-z0-9_-]+)*$/)
    .default(''),
  /** Base of `_meta` URLs; default from the request's protocol and Host. */
  publicBaseUrl: z
    .url()
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  defaultPageSize: z.number().int().positive().default(ASSUMPTIONS.defaultPageSize),
  maxPageSize: z.number().int().positive().default(ASSUMPTIONS.maxPageSize),
  defaultLanguage: z.enum(['nl-NL', 'en-US']).default(ASSUMPTIONS.defaultLanguage),
  /**
   * Permissive mode at start (issue 8): accept a duplicate invoice number instead of Asperion's
   * 400; switchable at run time with `PUT /_control/mode`. Default: the vendor's refusal.
   */
  permissive: z.boolean().default(false),
  /** JSON file persisting the whole state after every change (sandbox); none in tests. */
  stateFile: z.string().min(1).optional(),
  /** Clock, so tests can expire tokens without waiting. */
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
  logger: z.boolean().default(false),
});

export type AsperionSimulatorOptions = z.input<typeof AsperionSimulatorOptionsSchema>;
export type ResolvedAsperionOptions = Readonly<z.output<typeof AsperionSimulatorOptionsSchema>>;

export function resolveOptions(input: AsperionSimulatorOptions): ResolvedAsperionOptions {
  const parsed = AsperionSimulatorOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new Error(`invalid Asperion simulator options: ${z.prettifyError(parsed.error)}`);
  return Object.freeze(parsed.data);
}
