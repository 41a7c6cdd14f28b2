import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { AUTH, buildSim, seedOrder } from './helpers.js';

t.test('control: change status and payment status, reset, dump and load state', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  const changed = await sim.app.inject({
    method: 'PATCH',
    url: '/_control/orders/1001',
    payload: { status: 2, payment_status: 'captured' },
  });
  t.match(changed.json(), { status: 2, payment_status: 'captured' });
  const bad = await sim.app.inject({
    method: 'PATCH',
    url: '/_control/orders/1001',
    payload: { status: 42 },
  });
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  const dump = (await sim.app.inject({ url: '/_control/state' })).json();
  t.equal(dump.orders.length, 1);
  t.equal(dump.nextOrderNumber, 1002);
  await sim.app.inject({ method: 'POST', url: '/_control/reset' });
  t.same((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).json(), []);
  t.equal((await seedOrder(sim)).number, 1001, 'numbering restarts');
  const load = await sim.app.inject({ method: 'PUT', url: '/_control/state', payload: dump });
  t.equal(load.statusCode, 200);
  t.equal((await sim.app.inject({ url: `/v1/orders/1001?${AUTH}` })).json().status, 2);
  t.equal(
    (await sim.app.inject({ method: 'PUT', url: '/_control/state', payload: { orders: 1 } })).statusCode,
    400,
  );
});

t.test('custom order statuses replace the defaults', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'PUT',
    url: '/_control/order-statuses',
    payload: [{ status: 10, nl: 'Betaald', en: 'Paid', credit_order: false }],
  });
  t.same((await sim.app.inject({ url: `/v1/orderstatuses?${AUTH}` })).json(), [
    { status: 10, description: 'Betaald', credit_order: false },
  ]);
});

t.test('the state file is written on change and read at start', async (t) => {
  const statePath = join(mkdtempSync(join(tmpdir(), 'sim-mww-')), 'state.json');
  const first = buildSim({ statePath });
  await seedOrder(first);
  t.equal(JSON.parse(readFileSync(statePath, 'utf8')).orders.length, 1);
  const second = buildSim({ statePath });
  t.equal((await second.app.inject({ url: `/v1/orders/1001?${AUTH}` })).statusCode, 200);
  t.equal((await seedOrder(second)).number, 1002);
});
