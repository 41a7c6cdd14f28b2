import t from 'tap';
import { AUTH, buildSim, seedArticle, seedOrder } from './helpers.js';

const mok = {
  name: 'Mok wit',
  sku: 'MOK-W',
  categories: [{ id: 3, name: 'Mokken' }],
  price: { default: '29.00' },
  stock: 10,
};

t.test('stock update: PATCH {stock} and variant stock; the article changes its updated time', async (t) => {
  const sim = buildSim();
  const article = await seedArticle(sim, { ...mok, variants: [{ id: 7, stock: 1 }] });
  sim.clock.advance(60_000);
  const res = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/articles/${article.id}?${AUTH}`,
    payload: { stock: 7 },
  });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { id: article.id, stock: 7, updated_time: '14:06:09', created_time: '14:05:09' });
  const variant = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/articles/${article.id}?${AUTH}`,
    payload: { variants: [{ id: 7, stock: 4 }] },
  });
  t.match(variant.json(), { stock: 7, variants: [{ id: 7, stock: 4 }] });
  const unlimited = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/articles/${article.id}?${AUTH}`,
    payload: { stock: null },
  });
  t.equal(unlimited.json().stock, null, 'null = unlimited');
  const read = await sim.app.inject({ url: `/v1/articles/${article.id}?${AUTH}` });
  t.equal(read.json().stock, null);
});

t.test('invalid article bodies are 422 naming the field', async (t) => {
  const sim = buildSim();
  const article = await seedArticle(sim, mok);
  const cases: [string, string, unknown, RegExp][] = [
    ['POST', '/v1/articles', { name: 'Zonder categorie' }, /^categories:/],
    ['POST', '/v1/articles', { categories: [{ id: 1 }] }, /^name:/],
    ['PATCH', `/v1/articles/${article.id}`, { stock: '7' }, /^stock:/],
    ['PATCH', `/v1/articles/${article.id}`, { stock: 1.5 }, /^stock:/],
    ['PATCH', `/v1/articles/${article.id}`, { variants: [{ id: 99, stock: 1 }] }, /^variants\[0\]\.id:/],
    ['PATCH', `/v1/articles/${article.id}`, { quantity: 3 }, /Unrecognized key/],
  ];
  for (const [method, url, payload, detail] of cases) {
    const res = await sim.app.inject({
      method: method as 'POST',
      url: `${url}?${AUTH}`,
      payload: payload as object,
    });
    t.equal(res.statusCode, 422, `${method} ${JSON.stringify(payload)}`);
    t.match(res.json(), { status: 422, detail });
  }
  t.equal(
    (await sim.app.inject({ method: 'PATCH', url: `/v1/articles/999?${AUTH}`, payload: { stock: 1 } }))
      .statusCode,
    404,
  );
});

t.test('list: paging, ids[] and uuids[], changed since; count; create and delete', async (t) => {
  const sim = buildSim();
  const created = [];
  for (let i = 0; i < 12; i++) created.push(await seedArticle(sim, { ...mok, sku: `SKU-${i}` }));
  sim.clock.advance(3600_000);
  await sim.app.inject({ method: 'PATCH', url: `/v1/articles/5?${AUTH}`, payload: { stock: 1 } });
  const ids = async (q: string) =>
    ((await sim.app.inject({ url: `/v1/articles?${AUTH}&${q}` })).json() as { id: number }[]).map(
      (a) => a.id,
    );
  t.same(await ids('limit=5&offset=10'), [11, 12]);
  t.same(await ids('ids[]=3&ids[]=4'), [3, 4]);
  t.same(await ids(`uuids[]=${created[1]?.uuid}`), [2]);
  t.same(await ids('changed_start_date=2025-03-01%2015:00:00'), [5]);
  t.same(await ids('created_end_date=2025-03-01%2014:00:00'), []);
  t.same((await sim.app.inject({ url: `/v1/articles/count?${AUTH}` })).json(), { count: 12 });
  const post = await sim.app.inject({
    method: 'POST',
    url: `/v1/articles?${AUTH}`,
    payload: { name: 'Theepot', categories: [{ id: 1 }] },
  });
  t.equal(post.statusCode, 201);
  t.match(post.json(), { id: 13, name: 'Theepot', stock: null, taxable: true });
  t.equal((await sim.app.inject({ method: 'DELETE', url: `/v1/articles/13?${AUTH}` })).statusCode, 204);
  t.equal((await sim.app.inject({ url: `/v1/articles/13?${AUTH}` })).statusCode, 404);
});

t.test('use_url_id=true addresses an article by its page URL id', async (t) => {
  const sim = buildSim();
  await seedArticle(sim, mok);
  const state = (await sim.app.inject({ url: '/_control/state' })).json();
  const urlId = state.articles[0].urlId as number;
  t.not(urlId, 1);
  t.equal((await sim.app.inject({ url: `/v1/articles/${urlId}?${AUTH}&use_url_id=true` })).json().id, 1);
  t.equal((await sim.app.inject({ url: `/v1/articles/${urlId}?${AUTH}` })).statusCode, 404);
});

t.test('orders lower stock unless mutate_stock is false; unlimited stock stays null', async (t) => {
  const sim = buildSim();
  const a = await seedArticle(sim, mok);
  const b = await seedArticle(sim, { ...mok, sku: 'ONBEPERKT', stock: null });
  await seedOrder(sim, {
    lines: [
      { type: 'article', article_id: a.id, quantity: 3 },
      { type: 'article', sku: 'ONBEPERKT', quantity: 1 },
    ],
  });
  await seedOrder(sim, { mutate_stock: false, lines: [{ type: 'article', article_id: a.id, quantity: 5 }] });
  t.equal((await sim.app.inject({ url: `/v1/articles/${a.id}?${AUTH}` })).json().stock, 7);
  t.equal((await sim.app.inject({ url: `/v1/articles/${b.id}?${AUTH}` })).json().stock, null);
  const unknown = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders',
    payload: {
      debtor: { email: 'a@b.nl', invoice: { name: 'A', zipcode: '1' } },
      lines: [{ type: 'article', sku: 'NOPE', quantity: 1 }],
    },
  });
  t.equal(unknown.statusCode, 400);
  t.match(unknown.json(), { code: 'VALIDATION_FAILED', field: 'lines[0]' });
});
