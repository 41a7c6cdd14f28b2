import { z } from 'zod';

/** Environment of the standalone simulator; parsed once, frozen, fails listing every problem. */
const envSchema = z.object({
  /** TCP port to listen on (number). */
  SIM_SHOPRENTER_PORT: z.coerce.number().int().min(0).max(65535).default(4106),
  /** Interface to bind (host name or IP). */
  SIM_SHOPRENTER_HOST: z.string().min(1).default('127.0.0.1'),
  /** Optional path of a JSON file holding the simulator state across restarts. */
  SIM_SHOPRENTER_STATE_FILE: z.string().min(1).optional(),
  /** Shop name (`{shopName}.api.myshoprenter.hu`, token path, webhook storeName). */
  SIM_SHOPRENTER_SHOP_NAME: z.string().min(1).default('demo'),
  /** Public base URL used in hrefs (e.g. http://127.0.0.1:4106); default: the request's Host. */
  SIM_SHOPRENTER_PUBLIC_BASE_URL: z.url().optional(),
  /** OAuth client id accepted by the token endpoint. */
  SIM_SHOPRENTER_CLIENT_ID: z.string().min(1).default('sim-client-id'),
  /** OAuth client secret accepted by the token endpoint (a sandbox value, never a real secret). */
  SIM_SHOPRENTER_CLIENT_SECRET: z.string().min(1).default('sim-client-secret'),
  /** Legacy Basic auth user name. */
  SIM_SHOPRENTER_BASIC_USER: z.string().min(1).default('sim-user'),
  /** Legacy Basic auth API key (password). */
  SIM_SHOPRENTER_BASIC_API_KEY: z.string().min(1).default('sim-api-key'),
  /** "true" makes every Basic request answer 403 (Shoprenter's deprecation). */
  SIM_SHOPRENTER_BASIC_DEPRECATED: z.enum(['true', 'false']).default('false'),
  /** API rate limit in requests per second per app; 0 switches it off. */
  SIM_SHOPRENTER_RATE_LIMIT_PER_SECOND: z.coerce.number().int().min(0).default(3),
  /** innerId of the first order (number). */
  SIM_SHOPRENTER_FIRST_ORDER_ID: z.coerce.number().int().positive().default(100),
  /** "true" turns on fastify request logging. */
  SIM_SHOPRENTER_LOG: z.enum(['true', 'false']).default('false'),
});

export type SimulatorEnv = Readonly<z.output<typeof envSchema>>;

export function loadConfig(env: NodeJS.ProcessEnv): SimulatorEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment for sim-shoprenter:\n- ${problems.join('\n- ')}`);
  }
  return Object.freeze(parsed.data);
}
