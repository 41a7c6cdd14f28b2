import { SANDBOX_CREDENTIALS as C } from '@koppel/sandbox';
import { buildAccountviewSimulator } from '@koppel/sim-accountview';
import { buildAsperionSimulator } from '@koppel/sim-asperion';
import { buildInnvoiceSimulator } from '@koppel/sim-innvoice';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import { buildMplusSimulator } from '@koppel/sim-mplus';
import { buildMyshopSimulator } from '@koppel/sim-myshop';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import type { FastifyInstance } from 'fastify';
import type { EmbeddedConfig } from '../config.js';
import type { DataFolder } from '../data-folder.js';

/**
 * The simulators `npm start` runs next to Koppel, each on its own embedded port with its state
 * in the data folder (`sim-<name>.json`), with the sandbox's default credentials
 * (services/sandbox/README.md). Built here rather than with `startSandbox`: the demos need a
 * second, Hungarian Shoprenter shop, and the state files keep the names older data folders have.
 */
export const SIMULATOR_NAMES = [
  'shoprenter',
  'asperion',
  'accountview',
  'mijnwebwinkel',
  'myshop',
  'mplus',
  'innvoice',
  'shoprenterHu',
] as const;
export type SimulatorName = (typeof SIMULATOR_NAMES)[number];

/** The Hungarian demo shop's name (`{shopName}.api.myshoprenter.hu`, its token path). */
export const HU_SHOP_NAME = 'demo-hu';

/** The port of each simulator, from the embedded config (config.ts names the variables). */
export function simulatorPorts(config: Readonly<EmbeddedConfig>): Record<SimulatorName, number> {
  return {
    shoprenter: config.KOPPEL_SIM_SHOPRENTER_PORT,
    asperion: config.KOPPEL_SIM_ASPERION_PORT,
    accountview: config.KOPPEL_SIM_ACCOUNTVIEW_PORT,
    mijnwebwinkel: config.KOPPEL_SIM_MIJNWEBWINKEL_PORT,
    myshop: config.KOPPEL_SIM_MYSHOP_PORT,
    mplus: config.KOPPEL_SIM_MPLUS_PORT,
    innvoice: config.KOPPEL_SIM_INNVOICE_PORT,
    shoprenterHu: config.KOPPEL_SIM_SHOPRENTER_HU_PORT,
  };
}

type BuildContext = { stateFile: string; publicBaseUrl: string };

const builders = {
  shoprenter: (ctx: BuildContext) => buildShoprenterSimulator({ ...ctx, shopName: C.shoprenter.shopName }),
  asperion: (ctx: BuildContext) => buildAsperionSimulator(ctx),
  accountview: (ctx: BuildContext) => buildAccountviewSimulator({ stateFile: ctx.stateFile }),
  mijnwebwinkel: (ctx: BuildContext) =>
    buildMijnwebwinkelSimulator({ statePath: ctx.stateFile, tokens: [{ ...C.mijnwebwinkel, active: true }] }),
  myshop: (ctx: BuildContext) =>
    buildMyshopSimulator({
      statePath: ctx.stateFile,
      shops: [
        { number: C.myshop.shopNumber, privateKey: C.myshop.privateKey, partners: [C.myshop.partnerName] },
      ],
      partners: [{ name: C.myshop.partnerName, key: C.myshop.partnerKey }],
    }),
  mplus: (ctx: BuildContext) =>
    buildMplusSimulator({ stateFile: ctx.stateFile, credentials: [{ ...C.mplus }] }),
  innvoice: (ctx: BuildContext) => buildInnvoiceSimulator(ctx),
  shoprenterHu: (ctx: BuildContext) => buildShoprenterSimulator({ ...ctx, shopName: HU_SHOP_NAME }),
} as const;

export type DemoSimulators = { [S in SimulatorName]: ReturnType<(typeof builders)[S]> };

export type RunningSimulators = {
  sims: DemoSimulators;
  urls: Readonly<Record<SimulatorName, string>>;
  close(): Promise<void>;
};

/** Builds and listens every simulator; if one fails, those already listening are closed first. */
export async function startDemoSimulators(deps: {
  data: DataFolder;
  host: string;
  ports: Readonly<Record<SimulatorName, number>>;
}): Promise<RunningSimulators> {
  const listening: FastifyInstance[] = [];
  const close = async () => {
    await Promise.allSettled(listening.splice(0).map((app) => app.close()));
  };
  const sims: Partial<DemoSimulators> = {};
  const urls: Partial<Record<SimulatorName, string>> = {};
  try {
    for (const name of SIMULATOR_NAMES) {
      const port = deps.ports[name];
      const stateFile = deps.data.file(`sim-${name === 'shoprenterHu' ? 'shoprenter-hu' : name}.json`);
      const sim = builders[name]({ stateFile, publicBaseUrl: `http://${deps.host}:${port}` });
      try {
        await sim.app.listen({ port, host: deps.host });
      } catch (error) {
        await sim.app.close();
        throw new Error(`the ${name} simulator cannot listen on ${deps.host}:${port}: ${String(error)}`);
      }
      listening.push(sim.app);
      Object.assign(sims, { [name]: sim });
      const address = sim.app.server.address();
      urls[name] = `http://${deps.host}:${typeof address === 'object' && address ? address.port : port}`;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { sims: sims as DemoSimulators, urls: urls as Record<SimulatorName, string>, close };
}

/** How `npm start` names each simulator in its banner. */
export const SIMULATOR_TITLES: Readonly<Record<SimulatorName, string>> = Object.freeze({
  shoprenter: 'Shoprenter (shop demo)',
  asperion: 'Asperion',
  accountview: 'AccountView',
  mijnwebwinkel: 'Mijnwebwinkel',
  myshop: 'myShop',
  mplus: 'MplusKASSA',
  innvoice: 'InnVoice',
  shoprenterHu: `Shoprenter (shop ${HU_SHOP_NAME})`,
});
