import t from 'tap';
import { bearerHeaders, startSimulator } from './helpers/simulator.js';

t.test('more than 3 requests per second per app answer 429 without Retry-After', async (t) => {
  const sim = startSimulator({ rateLimit: { requests: 3, windowMs: 1000 } });
  const headers = await bearerHeaders(sim);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    const res = await sim.app.inject({ method: 'GET', url: '/api/orders', headers });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) {
      t.notOk(res.headers['retry-after']);
      t.same(res.json(), { message: 'Too Many Requests' });
    }
  }
  t.same(statuses, [200, 200, 200, 429]);
  t.equal(
    (await sim.app.inject({ method: 'GET', url: '/_control/state' })).statusCode,
    200,
    'control API not limited',
  );
});

t.test('sim-kit faults answer in the Shoprenter error shape, then clear', async (t) => {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 1, status: 503, pathPrefix: '/api/orders' } },
  });
  const failed = await sim.app.inject({ method: 'GET', url: '/api/orders', headers });
  t.equal(failed.statusCode, 503);
  t.same(failed.json(), { message: 'Service Unavailable' });
  t.equal((await sim.app.inject({ method: 'GET', url: '/api/orders', headers })).statusCode, 200);
  const xml = await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 1, status: 500, pathPrefix: '/api' } },
  });
  t.equal(xml.statusCode, 200);
  const xmlFail = await sim.app.inject({
    method: 'GET',
    url: '/api/orders',
    headers: { authorization: headers.authorization ?? '' },
  });
  t.equal(xmlFail.statusCode, 500);
  t.match(xmlFail.body, /<response><message>Internal Server Error<\/message><\/response>/);
  const seen = await sim.app.inject({ method: 'GET', url: '/_sim/received?pathPrefix=/api/orders' });
  t.equal((seen.json() as { calls: unknown[] }).calls.length, 3, 'inspection log records API calls');
});

t.test('the controlled rate limit lowers the limit at run time', async (t) => {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  await sim.app.inject({
    method: 'PUT',
    url: '/_sim/rate-limit',
    payload: { requests: 1, windowMs: 60_000 },
  });
  t.equal((await sim.app.inject({ method: 'GET', url: '/api/orders', headers })).statusCode, 200);
  t.equal((await sim.app.inject({ method: 'GET', url: '/api/orders', headers })).statusCode, 429);
  t.equal(
    (await sim.app.inject({ method: 'POST', url: '/_control/reset' })).statusCode,
    200,
    'control calls pass',
  );
});

t.test('control API validates with problem+json and reset empties the shop', async (t) => {
  const sim = startSimulator();
  const bad = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders',
    payload: { customer: { firstname: 'x' } },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.headers['content-type'], /application\/problem\+json/);
  t.match(bad.json(), { code: 'VALIDATION_FAILED', field: String });
  const money = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders',
    payload: {
      customer: { firstname: 'A', lastname: 'B', email: 'a@b.hu' },
      billingAddress: { address1: 'x', city: 'y', postcode: '1' },
      lines: [{ sku: 'S', name: 'N', netPrice: 12.5, quantity: 1 }],
    },
  });
  t.match(money.json(), { field: 'lines.0.netPrice' }, 'money must be a decimal string');
  sim.seedProducts([{ sku: 'S', name: 'N' }]);
  await sim.app.inject({ method: 'POST', url: '/_control/reset' });
  t.same(sim.state().products, []);
  const status = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders/100/status',
    payload: { statusId: 2 },
  });
  t.equal(status.statusCode, 404);
});
