import t from 'tap';
import { AUTH, buildSim, seedOrder } from './helpers.js';

t.test('the API limit answers 429 with Retry-After per store token, until the window passes', async (t) => {
  const sim = buildSim({ rateLimit: { requests: 3, windowMs: 2000 } });
  for (let i = 0; i < 3; i++) t.equal((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).statusCode, 200);
  const limited = await sim.app.inject({ url: `/v1/orders?${AUTH}` });
  t.equal(limited.statusCode, 429);
  t.equal(limited.headers['retry-after'], '2');
  t.match(limited.json(), { code: 429, message: 'Too Many Requests' });
  sim.clock.advance(2000);
  t.equal((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).statusCode, 200);
});

t.test('injected faults answer in the API error format; the control API is not affected', async (t) => {
  const sim = buildSim();
  const plan = await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 2, status: 503, retryAfterSeconds: 5 } },
  });
  t.equal(plan.statusCode, 200);
  const order = await seedOrder(sim);
  t.equal(order.number, 1001, 'control call went through, no fault consumed');
  const first = await sim.app.inject({ url: `/v1/orders?${AUTH}` });
  t.equal(first.statusCode, 503);
  t.equal(first.headers['retry-after'], '5');
  t.match(first.json(), { code: 503, description: 'Injected fault' });
  t.equal((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).statusCode, 503);
  t.equal((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).statusCode, 200);
});

t.test('the controlled rate limit of sim-kit is keyed by store token', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'PUT',
    url: '/_sim/rate-limit',
    payload: { requests: 1, windowMs: 60_000 },
  });
  t.equal((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).statusCode, 200);
  const res = await sim.app.inject({ url: `/v1/orders?${AUTH}` });
  t.equal(res.statusCode, 429);
  t.ok(Number(res.headers['retry-after']) > 0);
});

t.test('the inspection log records API calls, not control calls', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  await sim.app.inject({ method: 'PATCH', url: `/v1/orders/1001?${AUTH}`, payload: { status: 3 } });
  const calls = (await sim.app.inject({ url: '/_sim/received?method=PATCH' })).json().calls;
  t.equal(calls.length, 1);
  t.match(calls[0], { method: 'PATCH', path: '/v1/orders/1001', body: { status: 3 }, status: 200 });
  t.equal(sim.kit.inspection.list({ pathPrefix: '/_control' }).length, 0);
});
