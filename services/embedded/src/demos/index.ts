/** The demo connections `npm start` offers, one file each; `npm run demo -- <id>` places an order in one. */
import { shoprenterToAsperion } from './demo.js';
import { shoprenterHuToInnvoice } from './demo-hu.js';
import type { DemoDefinition } from './demo-definition.js';
import { mijnwebwinkelToAsperion } from './demo-mijnwebwinkel.js';
import { mijnwebwinkelToMplus } from './demo-mplus.js';
import { myshopToAccountview } from './demo-myshop.js';

export const DEMOS: readonly DemoDefinition[] = Object.freeze([
  shoprenterToAsperion,
  shoprenterHuToInnvoice,
  mijnwebwinkelToAsperion,
  myshopToAccountview,
  mijnwebwinkelToMplus,
]);

export function demoById(id: string): DemoDefinition {
  const demo = DEMOS.find((d) => d.id === id);
  if (!demo)
    throw new Error(`no demo connection "${id}"; the demos are: ${DEMOS.map((d) => d.id).join(', ')}`);
  return demo;
}

export type { DemoContext, DemoDefinition, SampleOrder } from './demo-definition.js';
export { ensureDemoStockSettings } from './ensure-demo-stock.js';
export {
  type DemoSimulators,
  type SimulatorName,
  simulatorPorts,
  startDemoSimulators,
} from './simulators.js';
