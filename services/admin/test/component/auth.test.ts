import t from 'tap';
import { API_KEY, AUTH, SECOND_KEY, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);

t.test('admin routes answer 401 problem+json without a key or with a wrong one', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{}, 'no key'],
    [{ authorization: 'Bearer wrong-key' }, 'wrong bearer key'],
    [{ 'x-api-key': 'wrong-key' }, 'wrong X-Api-Key'],
    [{ authorization: `Basic ${API_KEY}` }, 'right key, wrong scheme'],
    [{ authorization: `Bearer ${API_KEY.slice(0, -1)}` }, 'key one character short'],
    [{ authorization: 'Bearer ' }, 'empty bearer'],
  ];
  for (const [headers, why] of cases) {
    for (const url of ['/admin/v1/connections', '/admin/v1/connections/x/orders/1']) {
      const res = await app.inject({ url, headers });
      t.equal(res.statusCode, 401, `${why}: ${url}`);
      t.match(res.headers['content-type'], /^application\/problem\+json/, `${why}: problem+json`);
      t.match(res.json(), { status: 401, code: 'UNAUTHENTICATED', field: 'headers.authorization' });
      t.match(res.headers['www-authenticate'], /^Bearer/);
    }
  }
});

t.test('a key is accepted as bearer token or X-Api-Key, and every configured key works', async (t) => {
  for (const headers of [AUTH, { 'x-api-key': API_KEY }, { authorization: `bearer ${SECOND_KEY}` }]) {
    const res = await app.inject({ url: '/admin/v1/connections', headers });
    t.equal(res.statusCode, 200, JSON.stringify(Object.keys(headers)));
  }
});

t.test('a request is unauthenticated before its input is validated', async (t) => {
  const res = await app.inject({ method: 'POST', url: '/admin/v1/connections', payload: { bad: true } });
  t.equal(res.statusCode, 401);
});

t.test('health, readiness, metrics and docs stay open', async (t) => {
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
  const ready = await app.inject({ url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.match(ready.json(), { status: 'ready', checks: { database: 'ok' } });
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 200);
  t.equal((await app.inject({ url: '/openapi.json' })).statusCode, 200);
  const docs = await app.inject({ url: '/docs/' });
  t.equal(docs.statusCode, 200);
  t.match(docs.body, /swagger/i);
});

t.test(
  'either scheme authenticates: a good key in one header wins over a bad one in the other',
  async (t) => {
    // Clients (and OpenAPI tools) may send both schemes; the document lists them as alternatives.
    const { app: strict } = await setupAdmin(t, { authFailurePolicy: { perAddress: 2, windowSeconds: 60 } });
    const pairs: Record<string, string>[] = [
      { authorization: 'Bearer not-the-key', 'x-api-key': API_KEY },
      { authorization: `Bearer ${API_KEY}`, 'x-api-key': 'not-the-key' },
    ];
    for (let round = 0; round < 3; round += 1) {
      for (const headers of pairs) {
        const res = await strict.inject({ url: '/admin/v1/connections', headers });
        t.equal(res.statusCode, 200, `round ${round}: ${JSON.stringify(Object.keys(headers))}`);
      }
    }
    const bothWrong = await strict.inject({
      url: '/admin/v1/connections',
      headers: { authorization: 'Bearer wrong-1', 'x-api-key': 'wrong-2' },
    });
    t.equal(bothWrong.statusCode, 401, 'two wrong keys are still refused');
  },
);
