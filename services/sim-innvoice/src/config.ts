import { z } from 'zod';

/** Environment of the standalone simulator; parsed once, frozen, fails listing every problem. */
const ConfigSchema = z.object({
  // TCP port to listen on (number).
  PORT: z.coerce.number().int().min(1).max(65535).default(4107),
  // Interface to bind; loopback unless you mean to expose the sandbox.
  HOST: z.string().min(1).default('127.0.0.1'),
  // Path of a JSON file keeping the state across restarts (optional; in-memory when unset).
  STATE_FILE: z.string().min(1).optional(),
  // Public base URL used in `PrintUrl`s, e.g. https://innvoice.sandbox.example (optional).
  PUBLIC_URL: z.url().optional(),
  // API rate limit: requests per minute per company account; 0 disables.
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
});

export type InnvoiceSimConfig = Readonly<z.output<typeof ConfigSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv): InnvoiceSimConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment:\n${z.prettifyError(parsed.error)}`);
  return Object.freeze(parsed.data);
}
