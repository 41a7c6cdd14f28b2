import t from 'tap';
import { loadConfig as accountview } from '../../sim-accountview/src/config.js';
import { loadConfig as asperion } from '../../sim-asperion/src/config.js';
import { loadConfig as innvoice } from '../../sim-innvoice/src/config.js';
import { loadConfig as mijnwebwinkel } from '../../sim-mijnwebwinkel/src/config.js';
import { loadConfig as mplus } from '../../sim-mplus/src/config.js';
import { loadConfig as myshop } from '../../sim-myshop/src/config.js';
import { loadConfig as shoprenter } from '../../sim-shoprenter/src/config.js';
import { DEFAULT_PORTS, SYSTEMS, type SystemName } from '../src/ports.js';

/**
 * Each simulator started alone (`npm start -w @koppel/sim-<system>`, no env) listens on its own
 * port, and on the same one the sandbox gives it, so one URL works both ways and two
 * simulators started side by side never clash. The simulators' own config is read directly:
 * it is what their `main.ts` listens on.
 */
const standalone: Record<SystemName, number> = {
  asperion: asperion({}).ASPERION_SIM_PORT,
  accountview: accountview({}).PORT,
  mijnwebwinkel: mijnwebwinkel({}).PORT,
  myshop: myshop({}).PORT,
  mplus: mplus({}).PORT,
  shoprenter: shoprenter({}).SIM_SHOPRENTER_PORT,
  innvoice: innvoice({}).PORT,
};

t.test('every simulator has its own default port', async (t) => {
  const ports = SYSTEMS.map((system) => standalone[system]);
  t.equal(new Set(ports).size, SYSTEMS.length, `distinct: ${ports.join(', ')}`);
});

t.test("a simulator's standalone default is its sandbox port", async (t) => {
  for (const system of SYSTEMS) t.equal(standalone[system], DEFAULT_PORTS[system], system);
});

t.test('the sandbox gives every system its own port', async (t) => {
  t.equal(new Set(Object.values(DEFAULT_PORTS)).size, SYSTEMS.length);
});
