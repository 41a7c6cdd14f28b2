import { z } from 'zod';
import { assumptions } from './domain/assumptions.js';

const clientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Put into the token's `scopes` claim; not enforced (assumptions.scopesEnforced). */
  scopes: z.array(z.string()).default([]),
});

/** Options of buildShoprenterSimulator; validated once and frozen. */
export const simulatorOptionsSchema = z.object({
  /** The `{shopName}` of `{shopName}.api.myshoprenter.hu` and of the token path; webhook `storeName`. */
  shopName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .default('demo'),
  /** Base for `href`s, e.g. `http://127.0.0.1:4106`; default: taken from each request's Host. */
  publicBaseUrl: z.url().optional(),
  /** OAuth clients (custom API clients / apps) allowed to take tokens. */
  clients: z
    .array(clientSchema)
    .min(1)
    .default([{ clientId: 'sim-client-id', clientSecret: 'sim-client-secret', scopes: [] }]),
  /** Legacy Basic credentials (username + API key) for the classic `/{resource}` paths. */
  basicAuth: z
    .object({
      credentials: z.array(z.object({ username: z.string().min(1), apiKey: z.string().min(1) })).default([]),
      /** Answer every Basic request 403, as Shoprenter does for new Basic credentials. */
      deprecated: z.boolean().default(false),
    })
    .default({ credentials: [{ username: 'sim-user', apiKey: 'sim-api-key' }], deprecated: false }),
  /** Requests per window per app per shop (docs: 3 per second); `false` switches it off. */
  rateLimit: z
    .union([
      z.literal(false),
      z.object({ requests: z.number().int().positive(), windowMs: z.number().int().positive() }),
    ])
    .default({ requests: 3, windowMs: 1000 }),
  /** Access token lifetime in seconds. */
  tokenTtlSeconds: z.number().int().positive().default(3600),
  /** innerId of the first order (the counter then increments by one per order). */
  firstOrderInnerId: z.number().int().positive().max(2_147_483_647).default(100),
  /** IANA zone of the shop's dates. */
  timeZone: z.string().default(assumptions.defaultTimeZone),
  /** Optional JSON file to load the state from and save it to. */
  stateFile: z.string().optional(),
  /** Timeout of one webhook POST in milliseconds. */
  webhookTimeoutMs: z.number().int().positive().default(assumptions.webhookTimeoutMs),
  /** Pin the clock at this instant (tests); `PUT /_control/clock` can move it. Default: real time. */
  now: z.date().optional(),
  /** HTTP client used for webhooks (tests may pass a fake). */
  fetch: z.custom<typeof fetch>((v) => typeof v === 'function').optional(),
  /** Fastify logger on/off. */
  logger: z.boolean().default(false),
});

export type ShoprenterSimulatorOptions = z.input<typeof simulatorOptionsSchema>;
export type ResolvedOptions = Readonly<z.output<typeof simulatorOptionsSchema>>;

export function resolveOptions(options: ShoprenterSimulatorOptions = {}): ResolvedOptions {
  const parsed = simulatorOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid Shoprenter simulator options:\n- ${problems.join('\n- ')}`);
  }
  return Object.freeze(parsed.data);
}
