import { XMLParser } from 'fast-xml-parser';
import t from 'tap';
import { anOrder, bearerHeaders, startSimulator } from './helpers/simulator.js';

type Page = {
  page: string;
  limit: string;
  next: { href: string } | null;
  previous: unknown;
  items: { href: string }[];
};

async function withOrders(count: number, options: Parameters<typeof startSimulator>[0] = {}) {
  const sim = startSimulator(options);
  for (let i = 0; i < count; i += 1)
    await sim.createOrder(
      anOrder({ customer: { firstname: 'A', lastname: 'B', email: `c${i}@example.hu` } }),
    );
  return { sim, headers: await bearerHeaders(sim) };
}

t.test('pages are 0-based, next is null on the last page and beyond it is 40008', async (t) => {
  const { sim, headers } = await withOrders(5);
  const hrefs: string[] = [];
  let url: string | undefined = '/api/orders?limit=2';
  let pages = 0;
  while (url) {
    const res = await sim.app.inject({ method: 'GET', url, headers });
    t.equal(res.statusCode, 200);
    const body = res.json() as Page;
    t.equal(body.page, String(pages), 'page printed as a string');
    hrefs.push(...body.items.map((i) => i.href));
    url = body.next ? new URL(body.next.href).pathname + new URL(body.next.href).search : undefined;
    pages += 1;
  }
  t.equal(pages, 3);
  t.equal(hrefs.length, 5);
  t.match(hrefs[0], /\/api\/orders\/b3JkZXItb3JkZXJfaWQ9MTAw$/);
  const beyond = await sim.app.inject({ method: 'GET', url: '/api/orders?limit=2&page=3', headers });
  t.equal(beyond.statusCode, 400);
  t.same(beyond.json(), {
    error: 40008,
    message: 'Page not found! This Resource minimum page is 0 and maximum page is 2',
  });
  const tooBig = await sim.app.inject({ method: 'GET', url: '/api/orders?limit=201', headers });
  t.equal(tooBig.statusCode, 400);
});

t.test('innerIdMin, email and excludeAbandonedCart filter; full=1 inlines fields as strings', async (t) => {
  const { sim, headers } = await withOrders(4);
  await sim.createOrder(anOrder({ statusId: 0 }));
  const res = await sim.app.inject({
    method: 'GET',
    url: '/api/orders?innerIdMin=102&full=1&excludeAbandonedCart=1',
    headers,
  });
  const items = (res.json() as { items: Record<string, unknown>[] }).items;
  t.same(
    items.map((o) => o.innerId),
    ['102', '103'],
  );
  t.match(items[0], {
    total: '12700.0000',
    value: '1.00000000',
    orderStatus: { href: /orderStatuses\/b3JkZXJTdGF0dXMtb3JkZXJfc3RhdHVzX2lkPTE=$/ },
  });
  const all = await sim.app.inject({ method: 'GET', url: '/api/orders?innerIdMin=102&full=1', headers });
  const last = (all.json() as { items: Record<string, unknown>[] }).items.at(-1);
  t.equal(last?.orderStatus, null, 'abandoned cart has no status link');
  const byEmail = await sim.app.inject({ method: 'GET', url: '/api/orders?email=c1@example.hu', headers });
  t.equal((byEmail.json() as Page).items.length, 1);
});

t.test('datetime filters require 1990-01-01T00:00:00 (40009); unknown params 40010', async (t) => {
  const { sim, headers } = await withOrders(1, { now: new Date('2025-03-01T09:00:00Z') });
  const bad = await sim.app.inject({ method: 'GET', url: '/api/orders?updatedAtMin=2025-03-01', headers });
  t.match(bad.json(), { error: 40009 });
  const unknown = await sim.app.inject({ method: 'GET', url: '/api/orders?sort=innerId', headers });
  t.match(unknown.json(), { error: 40010 });
  const after = await sim.app.inject({
    method: 'GET',
    url: '/api/orders?updatedAtMin=2025-03-01T10:00:01',
    headers,
  });
  t.equal((after.json() as Page).items.length, 0, 'shop-local time: 09:00Z is 10:00 in Budapest');
  const before = await sim.app.inject({
    method: 'GET',
    url: '/api/orders?updatedAtMin=2025-03-01T10:00:00',
    headers,
  });
  t.equal((before.json() as Page).items.length, 1);
});

t.test('XML is the default; JSON only when Accept asks for it', async (t) => {
  const { sim, headers } = await withOrders(1);
  const id = Buffer.from('order-order_id=100').toString('base64');
  const xml = await sim.app.inject({
    method: 'GET',
    url: `/api/orders/${id}`,
    headers: { authorization: headers.authorization ?? '' },
  });
  t.match(xml.headers['content-type'], /^application\/xml/);
  const parsed = new XMLParser({ parseTagValue: false }).parse(xml.body) as {
    response: Record<string, unknown>;
  };
  t.match(parsed.response, {
    id,
    innerId: '100',
    email: 'c0@example.hu',
    orderProducts: { href: /orderProducts\?orderId=/ },
  });
  const list = await sim.app.inject({
    method: 'GET',
    url: '/api/orders',
    headers: { authorization: headers.authorization ?? '' },
  });
  t.match(list.body, /<items><item><href>[^<]+<\/href><\/item><\/items>/);
  const json = await sim.app.inject({ method: 'GET', url: `/api/orders/${id}`, headers });
  t.match(json.headers['content-type'], /^application\/json/);
  t.equal((json.json() as { innerId: string }).innerId, '100');
});

t.test('single order errors: malformed id 40007, unknown id 404/40401', async (t) => {
  const { sim, headers } = await withOrders(1);
  t.match((await sim.app.inject({ method: 'GET', url: '/api/orders/notAnId', headers })).json(), {
    error: 40007,
  });
  const missing = await sim.app.inject({
    method: 'GET',
    url: `/api/orders/${Buffer.from('order-order_id=999').toString('base64')}`,
    headers,
  });
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { error: 40401, message: /Resource matching URI/ });
});

t.test('orderProducts have no quantity (stock1 holds it) and orderTotals add up', async (t) => {
  const { sim, headers } = await withOrders(1);
  const orderId = Buffer.from('order-order_id=100').toString('base64');
  const lines = await sim.app.inject({
    method: 'GET',
    url: `/api/orderProducts?orderId=${orderId}&full=1`,
    headers,
  });
  const line = (lines.json() as { items: Record<string, unknown>[] }).items[0];
  t.match(line, {
    sku: 'MUG-01',
    price: '4500.0000',
    total: '9000.0000',
    taxRate: '27.0000',
    stock1: '2',
    stock2: '0',
  });
  t.notOk(line && 'quantity' in line);
  const totals = await sim.app.inject({
    method: 'GET',
    url: `/api/orderTotals?orderId=${orderId}&full=1`,
    headers,
  });
  const rows = (totals.json() as { items: { type: string; value: string }[] }).items.map((r) => [
    r.type,
    r.value,
  ]);
  t.same(rows, [
    ['SUB_TOTAL', '9000.0000'],
    ['SHIPPING', '1000.0000'],
    ['TAX', '2700.0000'],
    ['TOTAL', '12700.0000'],
  ]);
});

t.test('PUT /orders/{id} with an orderStatus id changes the status', async (t) => {
  const { sim, headers } = await withOrders(1);
  const id = Buffer.from('order-order_id=100').toString('base64');
  const shipped = Buffer.from('orderStatus-order_status_id=3').toString('base64');
  const res = await sim.app.inject({
    method: 'PUT',
    url: `/api/orders/${id}`,
    headers,
    payload: { data: { orderStatus: { id: shipped } } },
  });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { orderStatus: { href: new RegExp(`${shipped}$`) } });
  t.equal(sim.state().orders[0]?.history.length, 2);
  const readonly = await sim.app.inject({
    method: 'PUT',
    url: `/api/orders/${id}`,
    headers,
    payload: { innerId: '5' },
  });
  t.match(readonly.json(), { error: 40002 });
});

t.test('customers are created from orders and found by email', async (t) => {
  const { sim, headers } = await withOrders(2);
  const res = await sim.app.inject({
    method: 'GET',
    url: '/api/customers?email=c1@example.hu&full=1',
    headers,
  });
  const items = (res.json() as { items: Record<string, unknown>[] }).items;
  t.equal(items.length, 1);
  t.match(items[0], { email: 'c1@example.hu', firstname: 'A', status: '1', password: /^\$2y\$10\$/ });
});
