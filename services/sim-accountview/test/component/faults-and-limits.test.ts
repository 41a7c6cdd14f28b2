import t from 'tap';
import { buildAccountviewSimulator } from '../../src/index.js';
import { debtorBody, startSimulator } from '../helpers.js';

t.test('API rate limit: 429 with Retry-After and an AccountViewError body, then recovers', async (t) => {
  const { app, get, control } = await startSimulator({ rateLimit: { requests: 3, windowMs: 60_000 } });
  t.teardown(() => app.close());
  for (let i = 0; i < 3; i++) t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 200);
  const limited = await get({ BusinessObject: 'AR1' });
  t.equal(limited.statusCode, 429);
  t.same(limited.json(), {
    ErrorType: 'AccountViewError',
    ErrorNumbers: null,
    ErrorMessage: 'Too many requests; retry later',
  });
  const retryAfter = Number(limited.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  const lifted = await control('PUT', '/rate-limit', {});
  t.same(lifted.json(), { limit: null });
  t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 200);
});

t.test('default limit is 20 per second per token; rateLimit: false switches it off', async (t) => {
  const withDefault = buildAccountviewSimulator();
  const without = buildAccountviewSimulator({ rateLimit: false });
  t.teardown(() => Promise.all([withDefault.app.close(), without.app.close()]));
  t.same(withDefault.rateLimiter.limit(), { requests: 20, windowMs: 1000 });
  t.equal(without.rateLimiter.limit(), undefined);
});

t.test('the limit is per access token', async (t) => {
  const { app, get, control, sim } = await startSimulator({ rateLimit: { requests: 1, windowMs: 60_000 } });
  t.teardown(() => app.close());
  t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 200);
  t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 429);
  const code = (await control('POST', '/authorization-codes', { clientId: 'koppel-sandbox' })).json()
    .code as string;
  const other = await sim.app.inject({
    method: 'POST',
    url: '/api/v3/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:8080/oauth/accountview/callback',
      client_id: 'koppel-sandbox',
      client_secret: 'sandbox-secret',
    }).toString(),
  });
  const token = other.json().access_token as string;
  const res = await app.inject({
    url: '/api/v3/accountviewdata?BusinessObject=AR1',
    headers: { authorization: `Bearer ${token}`, 'x-company': '7c1f3a52-4b8e-4d0a-9a41-3e2f6b5c8d01' },
  });
  t.equal(res.statusCode, 200, 'a second token has its own window');
});

t.test(
  'injected faults fail the next calls with the AccountView error body; /_control is never faulted',
  async (t) => {
    const { app, get, post, control } = await startSimulator();
    t.teardown(() => app.close());
    const plan = await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: {
        failNext: { count: 2, status: 503, retryAfterSeconds: 7, pathPrefix: '/api/v3/accountviewdata' },
      },
    });
    t.equal(plan.statusCode, 200);
    t.equal((await control('GET', '/state')).statusCode, 200, 'control calls do not consume the fault');
    const first = await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Retry BV' }));
    t.equal(first.statusCode, 503);
    t.equal(first.headers['retry-after'], '7');
    t.same(first.json(), {
      ErrorType: 'AccountViewError',
      ErrorNumbers: null,
      ErrorMessage: 'Simulated failure (HTTP 503)',
    });
    t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 503);
    const retried = await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Retry BV' }));
    t.equal(retried.statusCode, 200);
    t.equal(
      (await get({ BusinessObject: 'AR1' })).json().CONTACT.length,
      1,
      'the faulted POST stored nothing',
    );

    const received = await app.inject({
      url: '/_sim/received?method=POST&pathPrefix=/api/v3/accountviewdata',
    });
    t.equal((received.json() as { calls: unknown[] }).calls.length, 2, 'inspection log sees both POSTs');

    await app.inject({ method: 'PUT', url: '/_sim/rate-limit', payload: { requests: 1, windowMs: 60_000 } });
    t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 200);
    const controlled = await get({ BusinessObject: 'AR1' });
    t.equal(controlled.statusCode, 429);
    t.equal(controlled.json().ErrorType, 'AccountViewError');
    t.ok(controlled.headers['retry-after']);
  },
);

t.test('a fault can carry its own body (an error reported in a 200, as AV-PHP guards for)', async (t) => {
  const { app, get } = await startSimulator();
  t.teardown(() => app.close());
  const body = {
    ErrorType: 'AccountViewError',
    ErrorNumbers: [1001],
    ErrorMessage: 'Administratie is in gebruik',
  };
  await app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 1, status: 200, body } },
  });
  const res = await get({ BusinessObject: 'AR1' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), body);
});

t.test('reset restores the seed and clears tokens, faults and limits', async (t) => {
  const { app, get, post, control } = await startSimulator();
  t.teardown(() => app.close());
  await post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Weg BV' }));
  await app.inject({ method: 'POST', url: '/_sim/faults', payload: { failNext: { count: 5, status: 500 } } });
  t.same((await control('POST', '/reset')).json(), { reset: true });
  t.equal((await get({ BusinessObject: 'AR1' })).statusCode, 401, 'tokens are gone');
  const debtors = await control('GET', '/companies/default/debtors');
  t.same(debtors.json(), { CONTACT: [], DEL_ADDR: [] });
  const faults = await app.inject({ method: 'POST', url: '/_sim/faults', payload: {} });
  t.same(faults.json(), {}, 'the fault plan was cleared');
});
