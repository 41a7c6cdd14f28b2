import { z } from 'zod';
import { ASSUMPTIONS } from './domain/assumptions.js';
import { InnvoiceSeedSchema } from './domain/seed-schema.js';

/** Options of `buildInnvoiceSimulator`, validated once and frozen. Defaults live in assumptions.ts. */
export const InnvoiceSimulatorOptionsSchema = z.object({
  /** Replaces the default seed (company `koppeldemo`, see seed-data.ts). */
  seed: InnvoiceSeedSchema.optional(),
  /** The API's own limit per company account; `false` disables it. */
  rateLimit: z
    .union([
      z.literal(false),
      z.object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() }),
    ])
    .default(ASSUMPTIONS.rateLimit),
  /**
   * Permissive mode at start (issue 8). InnVoice has no duplicate check (README "Idempotency"), so
   * both modes accept the same XML twice; the switch exists so every target has the same control.
   */
  permissive: z.boolean().default(false),
  /** JSON file persisting the whole state after every change (sandbox); none in tests. */
  stateFile: z.string().min(1).optional(),
  /** Base of `PrintUrl`s, e.g. `https://innvoice.sandbox.example`; default from the request's Host. */
  publicBaseUrl: z
    .url()
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** Clock, for tests. */
  now: z.custom<() => Date>((v) => typeof v === 'function').optional(),
  logger: z.boolean().default(false),
});

export type InnvoiceSimulatorOptions = z.input<typeof InnvoiceSimulatorOptionsSchema>;
export type ResolvedInnvoiceOptions = Readonly<z.output<typeof InnvoiceSimulatorOptionsSchema>>;

export function resolveOptions(input: InnvoiceSimulatorOptions): ResolvedInnvoiceOptions {
  const parsed = InnvoiceSimulatorOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new Error(`invalid InnVoice simulator options:\n${z.prettifyError(parsed.error)}`);
  return Object.freeze(parsed.data);
}
