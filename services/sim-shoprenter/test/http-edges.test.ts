import t from 'tap';
import { anOrder, bearerHeaders, startSimulator } from './helpers/simulator.js';

/** A multipart/form-data body as curl -F or PHP's CURLOPT_POSTFIELDS array sends it. */
function multipart(fields: Record<string, string>) {
  const boundary = '----koppel-test-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    payload: `${parts.join('')}--${boundary}--\r\n`,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

t.test('multipart/form-data write bodies are accepted (01_constraints_requirements.md)', async (t) => {
  const sim = startSimulator();
  const [product] = sim.seedProducts([{ sku: 'MUG-01', name: 'Mug', price: '4500', stock1: 10 }]);
  const headers = await bearerHeaders(sim);
  for (const [fields, expected] of [
    [{ 'data[stock1]': '7' }, '7'],
    [{ stock1: '8' }, '8'],
  ] as const) {
    const body = multipart(fields);
    const res = await sim.app.inject({
      method: 'PUT',
      url: `/api/products/${product?.id}`,
      headers: { ...headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    t.equal(res.statusCode, 200, JSON.stringify(fields));
    t.match(res.json(), { stock1: expected });
  }
  const broken = await sim.app.inject({
    method: 'PUT',
    url: `/api/products/${product?.id}`,
    headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
    payload: 'not multipart',
  });
  t.equal(broken.statusCode, 400);
  t.match(broken.json(), { error: 40001 });
});

t.test('a token request with an unreadable body answers the OAuth invalid_request shape', async (t) => {
  const sim = startSimulator();
  for (const contentType of ['application/json', 'text/plain']) {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/demo/app/token',
      headers: { 'content-type': contentType },
      payload: '{"grant_type": client_credentials',
    });
    t.equal(res.statusCode, 400, contentType);
    t.match(res.headers['content-type'], /application\/json/);
    t.match(res.json(), {
      error: 'invalid_request',
      error_description: String,
      hint: String,
      message: String,
    });
  }
});

t.test('methods the API does not have answer in the API error shape, not the framework one', async (t) => {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  const patch = await sim.app.inject({ method: 'PATCH', url: '/api/products', headers });
  t.equal(patch.statusCode, 405);
  t.same(patch.json(), { message: 'Method PATCH not allowed' });
  const options = await sim.app.inject({ method: 'OPTIONS', url: '/api/products', headers });
  t.equal(options.statusCode, 404);
  t.same(options.json(), { error: 40401, message: 'Resource matching URI "/products" not found' });
});

t.test('/orderHistories lists status changes, filtered by orderId (changelog 2025-08-06)', async (t) => {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  const first = await sim.createOrder(anOrder());
  await sim.createOrder(anOrder());
  await sim.changeOrderStatus(Number(first.innerId), 5, 'shipped today');
  const list = await sim.app.inject({
    method: 'GET',
    url: `/api/orderHistories?orderId=${first.id}&full=1`,
    headers,
  });
  t.equal(list.statusCode, 200);
  const items = (list.json() as { items: Record<string, unknown>[] }).items;
  t.equal(items.length, 2);
  t.match(items[1], {
    id: String,
    innerId: /^\d+$/,
    comment: 'shipped today',
    dateAdded: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    order: { href: new RegExp(`/api/orders/${first.id}$`) },
    orderStatus: { href: /\/api\/orderStatuses\/b3JkZXJTdGF0dXMtb3JkZXJfc3RhdHVzX2lkPTU=$/ },
  });
  const one = await sim.app.inject({ method: 'GET', url: `/api/orderHistories/${items[1]?.id}`, headers });
  t.match(one.json(), { comment: 'shipped today' });
  const write = await sim.app.inject({
    method: 'PUT',
    url: `/api/orderHistories/${items[1]?.id}`,
    headers,
    payload: { comment: 'x' },
  });
  t.equal(write.statusCode, 405, 'read-only');
  const all = await sim.app.inject({ method: 'GET', url: '/api/orderHistories', headers });
  t.equal((all.json() as { items: unknown[] }).items.length, 3);
});
