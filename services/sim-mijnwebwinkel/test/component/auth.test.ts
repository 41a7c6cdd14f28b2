import t from 'tap';
import { AUTH, buildSim, PARTNER, TOKEN } from './helpers.js';

t.test('the store token and the partner token are both required', async (t) => {
  const sim = buildSim();
  const cases: [string, number, string][] = [
    ['/v1/orders', 401, 'no token at all'],
    [`/v1/orders?token=wrong&partner_token=${PARTNER}`, 401, 'unknown store token'],
    [`/v1/orders?token=${TOKEN}`, 403, 'partner token missing'],
    [`/v1/orders?token=${TOKEN}&partner_token=other`, 403, 'partner token of another partner'],
    [`/v2-beta/articles?token=${TOKEN}&partner_token=nope`, 403, 'same rule on 2-beta'],
  ];
  for (const [url, status, why] of cases) {
    const res = await sim.app.inject({ url });
    t.equal(res.statusCode, status, why);
    t.match(res.json(), { code: status, message: String, description: String }, `${why}: Error schema`);
  }
  t.equal((await sim.app.inject({ url: `/v1/orders?${AUTH}` })).statusCode, 200);
  t.equal((await sim.app.inject({ url: `/v2-beta/orders?${AUTH}` })).statusCode, 200);
});

t.test('an inactive token is refused', async (t) => {
  const sim = buildSim({ tokens: [{ token: 'old', partnerToken: PARTNER, active: false }] });
  const res = await sim.app.inject({ url: `/v1/orders?token=old&partner_token=${PARTNER}` });
  t.equal(res.statusCode, 401);
});

t.test('tokens added through the control API work at once', async (t) => {
  const sim = buildSim();
  const add = await sim.app.inject({
    method: 'POST',
    url: '/_control/tokens',
    payload: { token: 'new-token', partnerToken: 'p2' },
  });
  t.equal(add.statusCode, 201);
  t.equal((await sim.app.inject({ url: '/v1/orders?token=new-token&partner_token=p2' })).statusCode, 200);
  t.equal(
    (await sim.app.inject({ url: `/v1/orders?token=new-token&partner_token=${PARTNER}` })).statusCode,
    403,
  );
});

t.test('requirePartnerToken=false accepts a missing partner token, never a wrong one', async (t) => {
  const sim = buildSim({ requirePartnerToken: false });
  t.equal((await sim.app.inject({ url: `/v1/orders?token=${TOKEN}` })).statusCode, 200);
  t.equal((await sim.app.inject({ url: `/v1/orders?token=${TOKEN}&partner_token=x` })).statusCode, 403);
});

t.test('unknown versions and paths are 404 with the Error schema', async (t) => {
  const sim = buildSim();
  t.equal((await sim.app.inject({ url: `/v3/orders?${AUTH}` })).statusCode, 404);
  const res = await sim.app.inject({ url: `/v1/nope?${AUTH}` });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 404 });
});

t.test('CORS is open to any origin', async (t) => {
  const sim = buildSim();
  const res = await sim.app.inject({ url: `/v1/orderstatuses?${AUTH}` });
  t.equal(res.headers['access-control-allow-origin'], '*');
});
