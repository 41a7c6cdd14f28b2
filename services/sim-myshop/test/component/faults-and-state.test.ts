import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildSim, exportedOrders, getRpcId, pullOrders, SHOP, seedOrder } from './helpers.js';

t.test('injected faults hit the RPC, never the control API', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 1, status: 503, pathPrefix: '/RPC/orders' } },
  });
  await seedOrder(sim);
  const rpcId = await getRpcId(sim);
  const failed = await pullOrders(sim, '20010101010101', { rpcId });
  t.equal(failed.statusCode, 503);
  t.match(failed.body, /invalid request/);
  t.equal(
    exportedOrders((await pullOrders(sim, '20010101010101', { rpcId })).body).length,
    1,
    'retry with same id works',
  );
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 5, status: 500 } },
  });
  t.equal((await sim.app.inject({ url: '/_control/state' })).statusCode, 200);
});

t.test('the controlled rate limit answers 429 with Retry-After', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'PUT',
    url: '/_sim/rate-limit',
    payload: { requests: 2, windowMs: 60_000 },
  });
  await getRpcId(sim);
  await getRpcId(sim);
  const res = await sim.app.inject({ url: `/RPC/id?shop=${SHOP}` });
  t.equal(res.statusCode, 429);
  t.ok(Number(res.headers['retry-after']) > 0);
});

t.test('the inspection log shows RPC calls with their query', async (t) => {
  const sim = buildSim();
  await pullOrders(sim, '20010101010101');
  const calls = (await sim.app.inject({ url: '/_sim/received?pathPrefix=/RPC/orders' })).json().calls;
  t.equal(calls.length, 1);
  t.match(calls[0], {
    method: 'GET',
    path: '/RPC/orders/list',
    query: { shop: SHOP, change_time: '20010101010101' },
  });
});

t.test('reset, dump and load; invalid control input is problem+json', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  const dump = (await sim.app.inject({ url: '/_control/state' })).json();
  await sim.app.inject({ method: 'POST', url: '/_control/reset' });
  t.equal(exportedOrders((await pullOrders(sim, '20010101010101')).body).length, 0);
  t.equal((await seedOrder(sim)).orderId, '12345_00001', 'numbering restarts');
  await sim.app.inject({ method: 'PUT', url: '/_control/state', payload: dump });
  t.equal((await sim.app.inject({ url: '/_control/state' })).json().shops[0].orders.length, 1);
  const bad = await sim.app.inject({
    method: 'POST',
    url: `/_control/shops/${SHOP}/orders`,
    payload: { lines: [] },
  });
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(bad.json(), { code: 'VALIDATION_FAILED', field: String });
  const noShop = await sim.app.inject({ method: 'POST', url: '/_control/shops/1/orders', payload: {} });
  t.equal(noShop.statusCode, 404);
});

t.test('the state file survives a restart', async (t) => {
  const statePath = join(mkdtempSync(join(tmpdir(), 'sim-myshop-')), 'state.json');
  const first = buildSim({ statePath });
  await seedOrder(first);
  t.equal(JSON.parse(readFileSync(statePath, 'utf8')).shops[0].orders.length, 1);
  const second = buildSim({ statePath });
  t.equal((await seedOrder(second)).orderId, '12345_00002');
});
