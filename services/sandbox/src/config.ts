import { booleanSchema, parseConfig, portSchema } from '@koppel/config';
import { z } from 'zod';
import { DEFAULT_PORTS, type SystemName } from './ports.js';

/** Environment of `npm run sandbox` (`src/main.ts`); parsed once, frozen, fails listing every problem. */
const sandboxEnvSchema = z.object({
  /** Interface every simulator binds to; loopback unless you mean to expose the sandbox. */
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder (path) where each simulator keeps `<system>.json` across restarts; unset = memory only. */
  SANDBOX_STATE_DIR: z.string().min(1).optional(),
  /** Fastify request logging of every simulator (true/false). */
  SANDBOX_LOG: booleanSchema.default(false),
  /** TCP port of the Asperion simulator (0 = any free port). */
  SANDBOX_ASPERION_PORT: portSchema.default(DEFAULT_PORTS.asperion),
  /** TCP port of the AccountView simulator (0 = any free port). */
  SANDBOX_ACCOUNTVIEW_PORT: portSchema.default(DEFAULT_PORTS.accountview),
  /** TCP port of the Mijnwebwinkel simulator (0 = any free port). */
  SANDBOX_MIJNWEBWINKEL_PORT: portSchema.default(DEFAULT_PORTS.mijnwebwinkel),
  /** TCP port of the myShop simulator (0 = any free port). */
  SANDBOX_MYSHOP_PORT: portSchema.default(DEFAULT_PORTS.myshop),
  /** TCP port of the MplusKASSA simulator (0 = any free port). */
  SANDBOX_MPLUS_PORT: portSchema.default(DEFAULT_PORTS.mplus),
  /** TCP port of the Shoprenter simulator (0 = any free port). */
  SANDBOX_SHOPRENTER_PORT: portSchema.default(DEFAULT_PORTS.shoprenter),
  /** TCP port of the InnVoice simulator (0 = any free port). */
  SANDBOX_INNVOICE_PORT: portSchema.default(DEFAULT_PORTS.innvoice),
});

export type SandboxConfig = Readonly<{
  host: string;
  stateDir: string | undefined;
  logger: boolean;
  ports: Readonly<Record<SystemName, number>>;
}>;

export function loadSandboxConfig(env: Record<string, string | undefined> = process.env): SandboxConfig {
  const parsed = parseConfig('sandbox', sandboxEnvSchema, env);
  const ports: Record<SystemName, number> = {
    asperion: parsed.SANDBOX_ASPERION_PORT,
    accountview: parsed.SANDBOX_ACCOUNTVIEW_PORT,
    mijnwebwinkel: parsed.SANDBOX_MIJNWEBWINKEL_PORT,
    myshop: parsed.SANDBOX_MYSHOP_PORT,
    mplus: parsed.SANDBOX_MPLUS_PORT,
    shoprenter: parsed.SANDBOX_SHOPRENTER_PORT,
    innvoice: parsed.SANDBOX_INNVOICE_PORT,
  };
  return Object.freeze({
    host: parsed.SANDBOX_HOST,
    stateDir: parsed.SANDBOX_STATE_DIR,
    logger: parsed.SANDBOX_LOG,
    ports: Object.freeze(ports),
  });
}
