import { join } from 'node:path';
import { buildAccountviewSimulator } from '@koppel/sim-accountview';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildInnvoiceSimulator } from '@koppel/sim-innvoice';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { buildMplusSimulator } from '@koppel/sim-mplus';
import { buildMyshopSimulator } from '@koppel/sim-myshop';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import { buildFailedError } from './errors.js';
import type { SystemName } from './ports.js';
import { SANDBOX_CREDENTIALS as C } from './sandbox-credentials.js';

/** What each builder needs from the sandbox. */
export type BuildContext = {
  /** `<stateDir>/<system>.json` when a state folder is set. */
  stateFile: string | undefined;
  /** The URL the simulator will answer on, when its port is fixed and the host is not a wildcard;
   * otherwise the simulators that print links fall back to each request's Host. */
  publicBaseUrl: string | undefined;
  logger: boolean;
};

const maybe = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** One builder per system, each passing the sandbox's state file, URL and credentials. */
const builders = {
  asperion: (ctx: BuildContext) =>
    buildAsperionSimulator({
      logger: ctx.logger,
      ...maybe('stateFile', ctx.stateFile),
      ...maybe('publicBaseUrl', ctx.publicBaseUrl),
    }),
  accountview: (ctx: BuildContext) =>
    buildAccountviewSimulator({ logger: ctx.logger, ...maybe('stateFile', ctx.stateFile) }),
  mijnwebwinkel: (ctx: BuildContext) =>
    buildMijnwebwinkelSimulator({
      logger: ctx.logger,
      tokens: [{ ...C.mijnwebwinkel, active: true }],
      ...maybe('statePath', ctx.stateFile),
    }),
  myshop: (ctx: BuildContext) =>
    buildMyshopSimulator({
      logger: ctx.logger,
      shops: [
        {
          number: C.myshop.shopNumber,
          privateKey: C.myshop.privateKey,
          partners: [C.myshop.partnerName],
        },
      ],
      partners: [{ name: C.myshop.partnerName, key: C.myshop.partnerKey }],
      ...maybe('statePath', ctx.stateFile),
    }),
  mplus: (ctx: BuildContext) =>
    buildMplusSimulator({
      logger: ctx.logger,
      credentials: [{ ...C.mplus }],
      ...maybe('stateFile', ctx.stateFile),
    }),
  shoprenter: (ctx: BuildContext) =>
    buildShoprenterSimulator({
      logger: ctx.logger,
      shopName: C.shoprenter.shopName,
      clients: [{ clientId: C.shoprenter.clientId, clientSecret: C.shoprenter.clientSecret }],
      basicAuth: {
        credentials: [{ username: C.shoprenter.basicUser, apiKey: C.shoprenter.basicApiKey }],
        deprecated: false,
      },
      ...maybe('stateFile', ctx.stateFile),
      ...maybe('publicBaseUrl', ctx.publicBaseUrl),
    }),
  innvoice: (ctx: BuildContext) =>
    buildInnvoiceSimulator({
      logger: ctx.logger,
      ...maybe('stateFile', ctx.stateFile),
      ...maybe('publicBaseUrl', ctx.publicBaseUrl),
    }),
} as const;

/** The built simulators, each with its own test handles (tokens, stores, kit …) next to `app`. */
export type SandboxSimulators = { [S in SystemName]: ReturnType<(typeof builders)[S]> };

export function stateFileOf(stateDir: string | undefined, system: SystemName): string | undefined {
  return stateDir === undefined ? undefined : join(stateDir, `${system}.json`);
}

/** Builds one simulator; a failure (say a state file that no longer parses) names the system. */
export function buildSimulator<S extends SystemName>(system: S, ctx: BuildContext): SandboxSimulators[S] {
  try {
    return builders[system](ctx) as SandboxSimulators[S];
  } catch (error) {
    throw buildFailedError(system, ctx.stateFile, error);
  }
}
