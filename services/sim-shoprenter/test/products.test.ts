import t from 'tap';
import { anOrder, bearerHeaders, startSimulator } from './helpers/simulator.js';

async function seeded() {
  const sim = startSimulator();
  const [product] = sim.seedProducts([{ sku: 'MUG-01', name: 'Mug', price: '4500', stock1: 10 }]);
  if (!product) throw new Error('seed failed');
  return { sim, product, headers: await bearerHeaders(sim) };
}

t.test('GET /products?sku= finds the product; fields are strings', async (t) => {
  const { sim, headers, product } = await seeded();
  const res = await sim.app.inject({ method: 'GET', url: '/api/products?sku=MUG-01&full=1', headers });
  const items = (res.json() as { items: Record<string, unknown>[] }).items;
  t.equal(items.length, 1);
  t.match(items[0], {
    id: product.id,
    sku: 'MUG-01',
    price: '4500.0000',
    stock1: '10',
    stock2: '0',
    status: '1',
  });
  t.equal(Buffer.from(product.id, 'base64').toString(), `product-product_id=${product.innerId}`);
  const none = await sim.app.inject({ method: 'GET', url: '/api/products?sku=NOPE', headers });
  t.same((none.json() as { items: unknown[] }).items, []);
});

t.test('PUT updates stock1..4 from flat and {"data":{}} bodies and answers the full product', async (t) => {
  const { sim, headers, product } = await seeded();
  const flat = await sim.app.inject({
    method: 'PUT',
    url: `/api/products/${product.id}`,
    headers,
    payload: { stock1: 12 },
  });
  t.equal(flat.statusCode, 200);
  t.match(flat.json(), { stock1: '12', sku: 'MUG-01' });
  const wrapped = await sim.app.inject({
    method: 'PUT',
    url: `/api/products/${product.id}?emptyBody=1`,
    headers,
    payload: { data: { id: product.id, stock2: '3', price: 2760 } },
  });
  t.match(
    wrapped.json(),
    { stock1: '12', stock2: '3', price: '2760.0000' },
    'emptyBody ignored for products',
  );
  const post = await sim.app.inject({
    method: 'POST',
    url: `/api/products/${product.id}`,
    headers,
    payload: { stock4: 1 },
  });
  t.match(post.json(), { stock4: '1' });
  t.equal(sim.state().products[0]?.stock1, 12);
});

t.test('bad writes change nothing and answer the documented codes', async (t) => {
  const { sim, headers, product } = await seeded();
  const notInt = await sim.app.inject({
    method: 'PUT',
    url: `/api/products/${product.id}`,
    headers,
    payload: { stock1: 5, stock2: 'many' },
  });
  t.match(notInt.json(), { error: 40005 });
  t.equal(sim.state().products[0]?.stock1, 10, 'stock1 untouched');
  t.match(
    (
      await sim.app.inject({
        method: 'PUT',
        url: `/api/products/${product.id}`,
        headers,
        payload: { innerId: 1 },
      })
    ).json(),
    { error: 40002 },
  );
  t.match(
    (
      await sim.app.inject({ method: 'PUT', url: `/api/products/${product.id}`, headers, payload: {} })
    ).json(),
    { error: 40001 },
  );
});

t.test('legacy form bodies (data[stock1]=7) over Basic, as the official PHP client sends', async (t) => {
  const { sim, product } = await seeded();
  const res = await sim.app.inject({
    method: 'POST',
    url: `/products/${product.id}`,
    headers: {
      authorization: `Basic ${Buffer.from('sim-user:sim-api-key').toString('base64')}`,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: 'data%5Bstock1%5D=7',
  });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { stock1: '7', href: /^http:\/\/localhost(:80)?\/products\// });
});

t.test('productExtend embeds descriptions and writes by ?sku= (40033 when unknown)', async (t) => {
  const { sim, headers } = await seeded();
  const res = await sim.app.inject({
    method: 'PUT',
    url: '/api/productExtend?sku=MUG-01',
    headers,
    payload: { stock1: 4 },
  });
  t.match(res.json(), { stock1: '4', productDescriptions: [{ name: 'Mug' }] });
  const unknown = await sim.app.inject({
    method: 'PUT',
    url: '/api/productExtend?sku=NOPE',
    headers,
    payload: { stock1: 4 },
  });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), { error: 40033, message: 'Product not found with sku: NOPE' });
});

t.test('placing an order takes the quantity from stock1', async (t) => {
  const { sim } = await seeded();
  await sim.createOrder(anOrder());
  t.equal(sim.state().products[0]?.stock1, 8);
  t.equal(sim.state().orders[0]?.lines[0]?.productInnerId, sim.state().products[0]?.innerId);
});
