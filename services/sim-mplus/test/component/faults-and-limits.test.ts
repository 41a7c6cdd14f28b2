import t from 'tap';
import { buildMplusSimulator } from '../../src/app.js';
import { createRelation, soap, startSim } from './helpers.js';

t.test('API rate limit: 429 SOAP fault with Retry-After, per ident, liftable via /_control', async (t) => {
  const sim = await startSim({
    rateLimit: { requests: 2, windowMs: 60_000 },
    credentials: [
      { ident: 'a', secret: 'x' },
      { ident: 'b', secret: 'y' },
    ],
  });
  t.teardown(() => sim.app.close());
  for (let i = 0; i < 2; i++)
    t.equal((await soap(sim, 'getApiVersion', {}, { query: 'ident=a&secret=x' })).status, 200);
  const limited = await soap(sim, 'getApiVersion', {}, { query: 'ident=a&secret=x' });
  t.equal(limited.status, 429);
  t.equal(limited.fault?.faultcode, 'SOAP-ENV:Server');
  t.match(limited.fault?.faultstring, /Too many requests/);
  const retryAfter = Number(limited.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  t.equal(
    (await soap(sim, 'getApiVersion', {}, { query: 'ident=b&secret=y' })).status,
    200,
    'other ident unaffected',
  );

  const lift = await sim.app.inject({ method: 'PUT', url: '/_control/rate-limit', payload: {} });
  t.same(lift.json(), { limit: null });
  t.equal((await soap(sim, 'getApiVersion', {}, { query: 'ident=a&secret=x' })).status, 200);
});

t.test('default API rate limit is 20 per second; rateLimit: false switches it off', async (t) => {
  const limited = buildMplusSimulator();
  t.same(limited.rateLimiter.limit(), { requests: 20, windowMs: 1000 });
  const open = buildMplusSimulator({ rateLimit: false });
  t.equal(open.rateLimiter.limit(), undefined);
  await Promise.all([limited.app.close(), open.app.close()]);
});

t.test('injected faults answer SOAP faults, store nothing and never hit /_control', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const plan = await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 1, status: 503, retryAfterSeconds: 2 } },
  });
  t.equal(plan.statusCode, 200);
  t.equal((await sim.app.inject({ url: '/_control/state' })).statusCode, 200, 'control not consumed');

  const failed = await soap(sim, 'createRelation', { relation: { name: 'Retry BV' } });
  t.equal(failed.status, 503);
  t.equal(failed.headers['retry-after'], '2');
  t.match(failed.headers['content-type'], /^text\/xml/);
  t.equal(failed.fault?.faultcode, 'SOAP-ENV:Server');
  t.equal(await createRelation(sim, { name: 'Retry BV' }), 1001, 'the failed call stored nothing');

  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failSequence: [{ status: 502 }, { status: 500 }] },
  });
  t.equal((await soap(sim, 'getApiVersion')).status, 502);
  const serverFault = await soap(sim, 'getApiVersion');
  t.equal(serverFault.status, 500);
  t.match(serverFault.fault?.faultstring, /Simulated failure/);
  t.equal((await soap(sim, 'getApiVersion')).status, 200, 'then back to normal');
});

t.test('controlled rate limit via /_sim/rate-limit and the inspection log', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await sim.app.inject({
    method: 'PUT',
    url: '/_sim/rate-limit',
    payload: { requests: 1, windowMs: 60_000 },
  });
  t.equal((await soap(sim, 'getApiVersion')).status, 200);
  const limited = await soap(sim, 'getApiVersion');
  t.equal(limited.status, 429);
  t.ok(limited.headers['retry-after']);
  t.equal(limited.fault?.faultcode, 'SOAP-ENV:Server');
  await sim.app.inject({ method: 'PUT', url: '/_sim/rate-limit', payload: {} });

  await createRelation(sim, { name: 'Seen BV', email: 'seen@example.nl' });
  const received = (await sim.app.inject({ url: '/_sim/received?method=POST&pathPrefix=/' })).json() as {
    calls: { body: string; headers: Record<string, string>; status: number; query: Record<string, string> }[];
  };
  t.equal(received.calls.length, 3);
  const last = received.calls.at(-1);
  t.match(last?.body, /<ns1:createRelation><ns1:relation><ns1:name>Seen BV<\/ns1:name>/);
  t.equal(last?.headers.soapaction, 'createRelation');
  t.equal(last?.query.ident, 'koppel-sandbox');
  t.equal(last?.status, 200);
});

t.test('POST /_control/reset clears state, faults and the inspection log', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await createRelation(sim, { name: 'Gone BV' });
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 5, status: 500 } },
  });
  const reset = await sim.app.inject({ method: 'POST', url: '/_control/reset' });
  t.same(reset.json(), { reset: true });
  t.equal((await soap(sim, 'getApiVersion')).status, 200, 'faults cleared');
  t.same(
    ((await sim.app.inject({ url: '/_control/relations' })).json() as { relations: unknown[] }).relations,
    [],
  );
  const received = (await sim.app.inject({ url: '/_sim/received' })).json() as { calls: unknown[] };
  t.equal(received.calls.length, 1, 'only the call after the reset');
});

t.test('control API validates its JSON and seeds branches, employees and stock', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const bad = await sim.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: {
      products: [{ description: 'SKU', articles: [{ articleNumber: 'ABC-1', description: 'x', price: 1 }] }],
    },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: 'invalid control request' });
  const unknownBranch = await sim.app.inject({
    method: 'PUT',
    url: '/_control/stock',
    payload: { rows: [{ branchNumber: 9, articleNumber: 1, quantity: 1 }] },
  });
  t.equal(unknownBranch.statusCode, 400);
  const employees = await sim.app.inject({
    method: 'PUT',
    url: '/_control/employees',
    payload: { employees: [{ employeeNumber: 12, name: 'Kassière' }] },
  });
  t.equal(employees.statusCode, 200);
  t.same(
    (employees.json() as { employees: { employeeNumber: number }[] }).employees.map((e) => e.employeeNumber),
    [999999, 12],
  );
});
