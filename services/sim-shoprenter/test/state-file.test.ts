import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { anOrder, startSimulator } from './helpers/simulator.js';

t.test('state survives a restart through the state file; innerIds keep counting', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-shoprenter-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const stateFile = join(dir, 'state.json');
  const first = startSimulator({ stateFile });
  await first.createOrder(anOrder());
  first.seedProducts([{ sku: 'MUG-01', name: 'Mug', stock1: 5 }]);
  await first.app.close();
  const second = startSimulator({ stateFile });
  t.equal(second.state().orders.length, 1);
  t.equal(second.state().products[0]?.stock1, 5);
  const next = await second.createOrder(anOrder());
  t.equal(next.innerId, '101');
  const dump = await second.app.inject({ method: 'GET', url: '/_control/state' });
  t.equal((dump.json() as { orders: unknown[] }).orders.length, 2);
});
