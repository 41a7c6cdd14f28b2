import t from 'tap';
import { api, startSim } from './helpers.js';

t.test('API rate limit answers 429 ProblemDetails with Retry-After, then recovers', async (t) => {
  const { sim, auth } = await startSim({ rateLimit: { requests: 3, windowMs: 60_000 } });
  t.teardown(() => sim.app.close());
  for (let i = 0; i < 3; i++) t.equal((await api(sim, auth, 'GET', '/v1/vatcodes')).status, 200);
  const limited = await api(sim, auth, 'GET', '/v1/vatcodes');
  t.equal(limited.status, 429);
  t.match(limited.body, { status: 429, title: 'Too Many Requests' });
  const retryAfter = Number(limited.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  const lift = await sim.app.inject({ method: 'PUT', url: '/_control/rate-limit', payload: {} });
  t.same(lift.json(), { limit: null });
  t.equal((await api(sim, auth, 'GET', '/v1/vatcodes')).status, 200);
});

t.test('default rate limit is 300 per minute', async (t) => {
  const { sim } = await startSim();
  t.teardown(() => sim.app.close());
  t.same(sim.apiRateLimiter.limit(), { requests: 300, windowMs: 60_000 });
});

t.test('injected faults: 503 then success; /_control is never faulted', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const plan = await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 1, status: 503, retryAfterSeconds: 2 } },
  });
  t.equal(plan.statusCode, 200);
  t.equal((await sim.app.inject({ url: '/_control/state' })).statusCode, 200, 'control not consumed');
  const failed = await api(sim, auth, 'POST', '/v1/debtors', { name: 'Retry BV' });
  t.equal(failed.status, 503);
  t.equal(failed.headers['retry-after'], '2');
  t.match(failed.headers['content-type'], /^application\/json/);
  t.match(failed.body, { status: 503, traceId: /^00-/ });
  const retried = await api(sim, auth, 'POST', '/v1/debtors', { name: 'Retry BV' });
  t.equal(retried.status, 201);
  const list = await api(sim, auth, 'GET', '/v1/debtors?Name=Retry BV&Name_comparison=Equals');
  t.equal((list.body._meta as { totalCount: number }).totalCount, 1, 'the failed call stored nothing');

  await sim.app.inject({
    method: 'PUT',
    url: '/_sim/rate-limit',
    payload: { requests: 1, windowMs: 60_000 },
  });
  t.equal((await api(sim, auth, 'GET', '/v1/journals')).status, 200);
  const controlled = await api(sim, auth, 'GET', '/v1/journals');
  t.equal(controlled.status, 429);
  t.ok(controlled.headers['retry-after']);

  const received = await sim.app.inject({ url: '/_sim/received?pathPrefix=/v1/debtors&method=POST' });
  t.equal((received.json() as { calls: unknown[] }).calls.length, 2);
});

t.test('control API: reset, seed, clients, refresh tokens, listings', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  await api(sim, auth, 'POST', '/v1/debtors', { name: 'Temp' });
  t.equal(
    ((await sim.app.inject({ url: '/_control/debtors' })).json() as { debtors: unknown[] }).debtors.length,
    3,
  );
  await sim.app.inject({ method: 'POST', url: '/_control/reset' });
  t.equal(
    ((await sim.app.inject({ url: '/_control/debtors' })).json() as { debtors: unknown[] }).debtors.length,
    2,
  );
  t.equal((await api(sim, auth, 'GET', '/v1/debtors')).status, 401, 'reset clears tokens');

  const client = await sim.app.inject({
    method: 'POST',
    url: '/_control/clients',
    payload: { clientId: 'shop-app', clientSecret: 's3cret', redirectUris: ['https://koppel.example/cb'] },
  });
  t.equal(client.statusCode, 200);
  const minted = await sim.app.inject({
    method: 'POST',
    url: '/_control/refresh-tokens',
    payload: { clientId: 'shop-app' },
  });
  const refresh = (minted.json() as { refresh_token: string }).refresh_token;
  const token = await sim.app.inject({
    method: 'POST',
    url: '/connect/token',
    payload: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: 'shop-app',
      client_secret: 's3cret',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  t.equal(token.statusCode, 200);
  const access = (token.json() as { access_token: string }).access_token;
  await sim.app.inject({ method: 'POST', url: '/_control/access-tokens/expire' });
  t.equal((await api(sim, { authorization: `Bearer ${access}` }, 'GET', '/v1/debtors')).status, 401);

  const badSeed = await sim.app.inject({
    method: 'POST',
    url: '/_control/seed',
    payload: { administrations: [] },
  });
  t.equal(badSeed.statusCode, 400);
  const seed = await sim.app.inject({
    method: 'POST',
    url: '/_control/seed',
    payload: {
      administrations: [
        { id: 42, name: 'Tiny BV', journals: [{ id: 'V1', description: 'Verkoop', type: 'Sales' }] },
      ],
      users: [{ id: 'u1', username: 'u1@example', administrationIds: [42], defaultAdministrationId: 42 }],
      clients: [{ clientId: 'c1', clientSecret: 'x' }],
    },
  });
  t.equal(seed.statusCode, 200);
  const dump = (await sim.app.inject({ url: '/_control/state' })).json() as {
    administrations: { administration: { id: number } }[];
  };
  t.same(
    dump.administrations.map((a) => a.administration.id),
    [42],
  );
  const invoices = await sim.app.inject({ url: '/_control/invoices?administrationId=42' });
  t.same(invoices.json(), { invoices: [] });
});
