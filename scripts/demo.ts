/**
 * `npm run demo [-- <connection>]`: with `npm start` running, places one order in the shop
 * simulator of a demo connection (default `demo`; `npm start` lists them all), waits for the
 * document Koppel makes of it in the target simulator, and prints that document and the order's
 * journey from the admin API. Every step is a plain HTTP call, the same as the README's curls.
 * Ports and the data folder follow the same variables as `npm start` (services/embedded/src/config.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEmbeddedConfig } from '../services/embedded/src/config.js';
import { DEMOS, demoById, simulatorPorts } from '../services/embedded/src/demos/index.js';
import {
  type DemoEndpoints,
  placeSampleOrder,
  waitForDocument,
} from '../services/embedded/src/demos/run-sample-order.js';
import { SIMULATOR_TITLES } from '../services/embedded/src/demos/simulators.js';

const id = process.argv[2] ?? 'demo';
if (id === '--help' || id === '-h') {
  console.log(
    `usage: npm run demo -- <connection>\n${DEMOS.map((d) => `  ${d.id.padEnd(20)} ${d.title}`).join('\n')}`,
  );
  process.exit(0);
}
const demo = demoById(id);
const config = loadEmbeddedConfig();
const ports = simulatorPorts(config);
const base = (port: number) => `http://${config.KOPPEL_HOST}:${port}`;
const endpoints: DemoEndpoints = {
  urls: Object.fromEntries(
    Object.entries(ports).map(([name, port]) => [name, base(port)]),
  ) as DemoEndpoints['urls'],
  adminUrl: `${base(config.KOPPEL_ADMIN_PORT)}/admin/v1`,
  apiKey:
    config.ADMIN_API_KEYS?.split(',')[0] ??
    readFileSync(join(resolve(config.KOPPEL_DATA_DIR), 'admin-api-key'), 'utf8').trim(),
};
const source = SIMULATOR_TITLES[demo.source];
const target = SIMULATOR_TITLES[demo.target];

const email = `demo-${Date.now().toString(36)}@example.com`;
console.log(`${demo.id}: ${demo.title}\n`);
console.log(
  `1. A shopper (${email}) orders in the ${source} simulator (POST ${endpoints.urls[demo.source]}${demo.sampleOrder.path})`,
);
const placed = await placeSampleOrder(demo, endpoints, email);
console.log(`   order ${placed.externalOrderId} placed\n`);

console.log(`2. Waiting for the document in the ${target} simulator`);
const outcome = await waitForDocument(demo, endpoints, placed.externalOrderId);
console.log(`   ${outcome.documentNumber}:`, JSON.stringify(outcome.document, null, 2), '\n');

console.log(
  `3. The order's journey in Koppel (GET ${endpoints.adminUrl}/connections/${demo.id}/orders/${placed.externalOrderId})`,
);
console.log(JSON.stringify(outcome.journey, null, 2));
