import t from 'tap';
import { AUTH, buildSim, seedOrder } from './helpers.js';

t.test('date and date-time filters must be real calendar values (spec `format: date`)', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  for (const query of [
    'start_date=2025-02-30',
    'end_date=2025-13-01',
    'status_changed_start_date=2025-03-01%2024:00:00',
    'status_changed_end_date=2025-04-31%2010:00:00',
  ]) {
    const res = await sim.app.inject({ url: `/v1/orders?${AUTH}&${query}` });
    t.equal(res.statusCode, 422, query);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.match(res.json(), { status: 422, title: String, detail: new RegExp(`^${query.split('=')[0]}:`) });
  }
  const articles = await sim.app.inject({
    url: `/v1/articles?${AUTH}&changed_start_date=2025-02-29%2000:00:00`,
  });
  t.equal(articles.statusCode, 422, '2025 is no leap year');
  const leap = await sim.app.inject({ url: `/v1/orders?${AUTH}&start_date=2024-02-29` });
  t.equal(leap.statusCode, 200);
  t.equal((leap.json() as unknown[]).length, 1);
});

t.test('a path outside every API version answers the Error body, not the framework one', async (t) => {
  const sim = buildSim();
  const res = await sim.app.inject({ url: `/v3/orders?${AUTH}` });
  t.equal(res.statusCode, 404);
  t.same(res.json(), { code: 404, message: 'Not Found', description: 'Resource not found' });
  t.notMatch(res.body, /partner_token/, 'the tokens are not echoed back');
});

t.test('POST /orders names the orderlines field of the request when an article is unknown', async (t) => {
  const sim = buildSim();
  const res = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: {
      debtor: { email: 'a@example.nl', address: { invoice: { name: 'A', zipcode: '1234AB' } } },
      orderlines: [{ type: 'article', quantity: 1, articles: [{ id: 999 }] }],
    },
  });
  t.equal(res.statusCode, 422);
  t.match(res.json(), { status: 422, detail: /^orderlines\.0\.articles\.0\.id: / });
});
