import t from 'tap';
import { orderSchema } from '../../src/index.js';
import { AUTH, buildSim, janDebtor, seedArticle, seedOrder } from './helpers.js';

t.test('the composed example order of the notes (GET /v1/orders/1042) is served exactly', async (t) => {
  const sim = buildSim({ firstOrderNumber: 1042 });
  await seedArticle(sim, {
    name: 'Mok wit',
    sku: 'MOK-W',
    categories: [{ id: 3 }],
    price: { default: '29.00' },
  });
  await seedOrder(sim, {
    comments: { customer: 'Graag na 17u' },
    payment_status: 'captured',
    payment: { gateway_name: 'mollie', method_name: 'ideal', status_id: 1 },
    lines: [
      { type: 'article', sku: 'MOK-W', quantity: 2 },
      { type: 'custom', description: 'Verzendkosten', unit_price: '10.00', rate: '21.00' },
    ],
  });
  const res = await sim.app.inject({ url: `/v1/orders/1042?${AUTH}&format=json` });
  t.equal(res.statusCode, 200);
  const order = orderSchema.parse(res.json());
  t.match(order, {
    number: 1042,
    date: '2025-03-01',
    time: '14:05:09',
    status: 1,
    status_changed_date: '2025-03-01',
    status_changed_time: '14:05:09',
    archived: false,
    finished: true,
    currency: 'EUR',
    locale: 'nl_NL',
    business_model: 'B2C',
    tax_strategy: '',
    comments: { customer: 'Graag na 17u', internal: '' },
    payment_status: 'captured',
    payment: { gateway_name: 'mollie', method_name: 'ideal', status: { id: 1, text: 'Successful' } },
    debtor: {
      id: null,
      email: 'jan@example.nl',
      address: {
        invoice: {
          name: 'Jan Jansen',
          zipcode: '1234AB',
          city: 'Utrecht',
          country: 'Nederland',
          country_code: 'NL',
        },
        delivery: { name: 'Jan Jansen', street: 'Dorpsstraat', number: '12', country_code: 'NL' },
      },
    },
    price: { tax: [{ rate: '21.00', amount: '11.80' }], total: '68.00' },
    shipping: [{ country: { description: 'Nederland', isocode: 'NL' } }],
  });
  t.same(
    order.orderlines.map((l) => [l.type, l.quantity, l.description, l.price]),
    [
      ['article', 2, 'Mok wit', { rate: '21.00', amount: '47.933884', amount_including_tax: '58.00' }],
      ['custom', 1, 'Verzendkosten', { rate: '21.00', amount: '8.264463', amount_including_tax: '10.00' }],
    ],
  );
  t.match(order.orderlines[0]?.articles[0], { sku: 'MOK-W', price: { amount: '23.966942', rate: '21.00' } });
  t.match(order.uuid, /^[0-9a-f-]{36}$/);
});

t.test('numbers are sequential and unknown numbers are 404', async (t) => {
  const sim = buildSim();
  t.equal((await seedOrder(sim)).number, 1001);
  t.equal((await seedOrder(sim)).number, 1002);
  const failed = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders',
    payload: { debtor: janDebtor, lines: [] },
  });
  t.equal(failed.statusCode, 400, 'an invalid create takes no number');
  t.equal((await seedOrder(sim)).number, 1003);
  const res = await sim.app.inject({ url: `/v1/orders/9999?${AUTH}` });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 404, message: 'Not Found' });
  t.equal((await sim.app.inject({ url: `/v1/orders/abc?${AUTH}` })).statusCode, 422);
});

t.test('paging across pages with limit/offset, no envelope; count gives the total', async (t) => {
  const sim = buildSim();
  for (let i = 0; i < 25; i++) await seedOrder(sim);
  const numbers: number[] = [];
  for (let offset = 0; ; offset += 10) {
    const page = (await sim.app.inject({ url: `/v1/orders?${AUTH}&limit=10&offset=${offset}` })).json() as {
      number: number;
    }[];
    t.ok(Array.isArray(page), 'a bare array');
    numbers.push(...page.map((o) => o.number));
    if (page.length < 10) break;
  }
  t.same(
    numbers,
    Array.from({ length: 25 }, (_, i) => 1001 + i),
  );
  const first = (await sim.app.inject({ url: `/v1/orders?${AUTH}` })).json() as unknown[];
  t.equal(first.length, 10, 'limit defaults to 10');
  const desc = (await sim.app.inject({ url: `/v1/orders?${AUTH}&ordering=desc&limit=2` })).json() as {
    number: number;
  }[];
  t.same(
    desc.map((o) => o.number),
    [1025, 1024],
  );
  t.same((await sim.app.inject({ url: `/v1/orders/count?${AUTH}` })).json(), { count: 25 });
  const tooMany = await sim.app.inject({ url: `/v1/orders?${AUTH}&limit=101` });
  t.equal(tooMany.statusCode, 422);
  t.equal(tooMany.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(tooMany.json(), { status: 422, title: 'Unprocessable Entity', detail: /^limit:/ });
});

t.test('filters: status changed since, status, dates, archived, debtor (OR), test orders', async (t) => {
  const sim = buildSim();
  const a = await seedOrder(sim, { placed_at: '2025-02-01T10:00:00Z' });
  const b = await seedOrder(sim, {
    debtor: { ...janDebtor, email: 'piet@example.nl', id: '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' },
  });
  await seedOrder(sim, { test: true });
  await seedOrder(sim, { archived: true });
  sim.clock.advance(3600_000);
  await sim.app.inject({ method: 'PATCH', url: `/v1/orders/${a.number}?${AUTH}`, payload: { status: 3 } });
  const list = async (q: string) =>
    ((await sim.app.inject({ url: `/v1/orders?${AUTH}&${q}` })).json() as { number: number }[]).map(
      (o) => o.number,
    );

  t.same(await list('status_changed_start_date=2025-03-01%2014:30:00'), [1001], 'changed since');
  t.same(await list('status_changed_end_date=2025-03-01%2014:30:00'), [1002, 1004]);
  t.same(await list('status_id=3'), [1001]);
  t.same(await list('start_date=2025-03-01'), [1002, 1004]);
  t.same(await list('end_date=2025-02-28'), [1001]);
  t.same(await list('archived=true'), [1004]);
  t.same(await list('archived=false'), [1001, 1002]);
  t.same(await list('test=true'), [1001, 1002, 1003, 1004], 'test orders only with test=true');
  t.same(await list('debtor_email=PIET@example.nl'), [b.number]);
  t.same(
    await list(`debtor_email=jan@example.nl&debtor_id=0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6`),
    [1001, 1002, 1004],
  );
  t.same((await sim.app.inject({ url: `/v1/orders/count?${AUTH}&test=true` })).json(), { count: 4 });
  const bad = await sim.app.inject({
    url: `/v1/orders?${AUTH}&status_changed_start_date=2025-03-01T14:30:00`,
  });
  t.equal(bad.statusCode, 422);
  t.match(bad.json(), { detail: /^status_changed_start_date:/ });
});

t.test('PATCH /orders/{n}: status, archived, internal comment; invalid bodies are 422', async (t) => {
  const sim = buildSim();
  const { number } = await seedOrder(sim);
  sim.clock.advance(90_000);
  const ok = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/orders/${number}?${AUTH}`,
    payload: { status: 3, archived: true, comments: { internal: 'verzonden met PostNL' } },
  });
  t.equal(ok.statusCode, 200);
  t.match(ok.json(), {
    status: 3,
    archived: true,
    status_changed_time: '14:06:39',
    comments: { internal: 'verzonden met PostNL' },
  });
  const cases: [unknown, RegExp][] = [
    [{ status: 99 }, /^status:/],
    [{ reference: 'PO-1' }, /^reference:/],
    [{ shipped: true }, /Unrecognized key/],
    [{ status: 'shipped' }, /^status:/],
  ];
  for (const [payload, detail] of cases) {
    const res = await sim.app.inject({
      method: 'PATCH',
      url: `/v1/orders/${number}?${AUTH}`,
      payload: payload as object,
    });
    t.equal(res.statusCode, 422, JSON.stringify(payload));
    t.match(res.json(), { status: 422, detail });
  }
});

t.test('credit orders link both ways; statuses list credit_order', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  const credit = await seedOrder(sim, { credited_order_number: 1001, status: 6 });
  const original = (await sim.app.inject({ url: `/v1/orders/1001?${AUTH}` })).json();
  t.same(original.credit_order_numbers, [credit.number]);
  t.equal(
    (await sim.app.inject({ url: `/v1/orders/${credit.number}?${AUTH}` })).json().credited_order_number,
    1001,
  );
  const statuses = (await sim.app.inject({ url: `/v1/orderstatuses?${AUTH}&language=en_GB` })).json();
  t.match(statuses, [{ status: 1, description: 'New', credit_order: false }]);
  t.ok(statuses.some((s: { credit_order: boolean }) => s.credit_order));
  t.equal((await sim.app.inject({ url: `/v1/orderstatuses?${AUTH}&language=xx_XX` })).statusCode, 422);
});

t.test(
  'switchable shapes: number as string, tax object, empty shipping country, discount lines',
  async (t) => {
    const sim = buildSim({ orderNumberAs: 'string', priceTaxShape: 'object-when-single' });
    await seedOrder(sim, {
      empty_shipping_country: true,
      lines: [
        { type: 'custom', description: 'Thee', unit_price: '10.90', rate: '9' },
        { type: 'discount', description: 'Korting', prices: [{ rate: '9', amount: '-1.09' }] },
      ],
    });
    const order = (await sim.app.inject({ url: `/v1/orders/1001?${AUTH}` })).json();
    t.equal(order.number, '1001');
    t.same(order.price, { tax: { rate: '9.00', amount: '0.81' }, total: '9.81' });
    t.same(order.shipping, [{ country: [] }]);
    t.match(order.orderlines[1], {
      type: 'discount',
      price: [{ rate: '9.00', amount_including_tax: '-1.09', amount: '-1.000000' }],
    });
  },
);

t.test('format=xml serves the same content as XML', async (t) => {
  const sim = buildSim();
  await seedOrder(sim);
  const res = await sim.app.inject({ url: `/v1/orders?${AUTH}&format=xml` });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /application\/xml/);
  t.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<orders><order><number>1001<\/number>/);
  t.match(res.body, /<orderlines><orderline><id>/);
});
