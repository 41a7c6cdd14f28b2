import t from 'tap';
import { bearerHeaders, startSimulator } from './helpers/simulator.js';

type BatchBody = {
  requests: {
    request: { method: string; uri: string; response: { header: { statusCode: string }; body: unknown } }[];
  };
};

t.test('a batch answers 200 even when a sub-request fails; each has its own statusCode', async (t) => {
  const sim = startSimulator({ publicBaseUrl: 'https://demo.api.myshoprenter.hu' });
  const [product] = sim.seedProducts([{ sku: 'MUG-01', name: 'Mug', stock1: 1 }]);
  const headers = await bearerHeaders(sim);
  const missing = Buffer.from('product-product_id=9999').toString('base64');
  const res = await sim.app.inject({
    method: 'POST',
    url: '/api/batch',
    headers,
    payload: {
      data: {
        requests: [
          { method: 'GET', uri: 'https://demo.api.myshoprenter.hu/orders?page=0&limit=200&full=1' },
          {
            method: 'PUT',
            uri: `https://demo.api.myshoprenter.hu/products/${product?.id}`,
            data: { stock1: 7 },
          },
          { method: 'PUT', uri: `https://demo.api.myshoprenter.hu/products/${missing}`, data: { stock1: 7 } },
          { method: 'GET', uri: 'https://demo.api.myshoprenter.hu/category/abc' },
        ],
      },
    },
  });
  t.equal(res.statusCode, 200);
  const results = (res.json() as BatchBody).requests.request;
  t.same(
    results.map((r) => [r.method, r.response.header.statusCode]),
    [
      ['GET', '200'],
      ['PUT', '200'],
      ['PUT', '404'],
      ['GET', '404'],
    ],
  );
  t.match(results[1]?.response.body, {
    stock1: '7',
    href: /^https:\/\/demo\.api\.myshoprenter\.hu\/api\/products\//,
  });
  t.match(results[3]?.response.body, { message: 'Resource matching URI "/category/abc" not found' });
  t.equal(sim.state().products[0]?.stock1, 7);
});

t.test('a batch without data answers 400/40001; XML renders repeated <request> elements', async (t) => {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  const bad = await sim.app.inject({ method: 'POST', url: '/api/batch', headers, payload: { requests: [] } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: 40001 });
  const xml = await sim.app.inject({
    method: 'POST',
    url: '/api/batch',
    headers: { authorization: headers.authorization ?? '' },
    payload: {
      data: {
        requests: [
          { method: 'GET', uri: '/orderStatuses' },
          { method: 'GET', uri: '/orders' },
        ],
      },
    },
  });
  t.match(
    xml.body,
    /<response><requests><request><method>GET<\/method>.*<\/request><request>.*<statusCode>200<\/statusCode>/s,
  );
});
