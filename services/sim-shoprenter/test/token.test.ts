import t from 'tap';
import { bearerHeaders, CLIENT, startSimulator } from './helpers/simulator.js';

t.test('client_credentials gives a 3600 s JWT-shaped Bearer token', async (t) => {
  const sim = startSimulator();
  const res = await sim.app.inject({
    method: 'POST',
    url: '/demo/app/token',
    payload: { grant_type: 'client_credentials', ...CLIENT },
  });
  t.equal(res.statusCode, 200);
  const body = res.json() as { token_type: string; expires_in: number; access_token: string };
  t.equal(body.token_type, 'Bearer');
  t.equal(body.expires_in, 3600);
  const parts = body.access_token.split('.');
  t.equal(parts.length, 3);
  const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  t.equal(claims.exp, Number(claims.iat) + 3600);
  t.same(claims.scopes, ['orders']);
});

t.test('wrong secret, unknown client or another shop answer 401 invalid_client', async (t) => {
  const sim = startSimulator();
  for (const [url, payload] of [
    ['/demo/app/token', { ...CLIENT, grant_type: 'client_credentials', client_secret: 'nope' }],
    ['/demo/app/token', { ...CLIENT, grant_type: 'client_credentials', client_id: 'other' }],
    ['/othershop/app/token', { ...CLIENT, grant_type: 'client_credentials' }],
  ] as const) {
    const res = await sim.app.inject({ method: 'POST', url, payload });
    t.equal(res.statusCode, 401, url);
    t.match(res.json(), { error: 'invalid_client', error_description: String, message: String });
  }
});

t.test('a missing client_id answers 400 invalid_request with a hint', async (t) => {
  const sim = startSimulator();
  const res = await sim.app.inject({
    method: 'POST',
    url: '/demo/app/token',
    payload: { grant_type: 'client_credentials' },
  });
  t.equal(res.statusCode, 400);
  t.match(res.json(), { error: 'invalid_request', hint: 'Check the `client_id` parameter', message: String });
});

t.test('Bearer is required on /api and must be valid and unexpired', async (t) => {
  const sim = startSimulator({ now: new Date('2025-03-01T09:00:00Z') });
  const none = await sim.app.inject({
    method: 'GET',
    url: '/api/orders',
    headers: { accept: 'application/json' },
  });
  t.equal(none.statusCode, 401);
  const forged = await sim.app.inject({
    method: 'GET',
    url: '/api/orders',
    headers: {
      accept: 'application/json',
      authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln',
    },
  });
  t.equal(forged.statusCode, 401);
  t.match(forged.headers['www-authenticate'], /invalid_token/);
  const headers = await bearerHeaders(sim);
  t.equal((await sim.app.inject({ method: 'GET', url: '/api/orders', headers })).statusCode, 200);
  sim.setClock(new Date('2025-03-01T10:00:01Z'));
  t.equal(
    (await sim.app.inject({ method: 'GET', url: '/api/orders', headers })).statusCode,
    401,
    'expired after 3600 s',
  );
  const basicOnApi = await sim.app.inject({
    method: 'GET',
    url: '/api/orders',
    headers: { authorization: `Basic ${Buffer.from('sim-user:sim-api-key').toString('base64')}` },
  });
  t.equal(basicOnApi.statusCode, 401, 'Basic is not accepted on the OAuth API');
});

t.test('Basic works on the classic paths, and can mimic deprecation with 403', async (t) => {
  const basic = {
    authorization: `Basic ${Buffer.from('sim-user:sim-api-key').toString('base64')}`,
    accept: 'application/json',
  };
  const sim = startSimulator();
  t.equal((await sim.app.inject({ method: 'GET', url: '/orders', headers: basic })).statusCode, 200);
  const wrong = { ...basic, authorization: `Basic ${Buffer.from('sim-user:bad').toString('base64')}` };
  const denied = await sim.app.inject({ method: 'GET', url: '/orders', headers: wrong });
  t.equal(denied.statusCode, 401);
  t.match(denied.headers['www-authenticate'], /^Basic/);
  const deprecated = startSimulator({
    basicAuth: { credentials: [{ username: 'sim-user', apiKey: 'sim-api-key' }], deprecated: true },
  });
  t.equal((await deprecated.app.inject({ method: 'GET', url: '/orders', headers: basic })).statusCode, 403);
});
