import t from 'tap';
import { AUTH, buildSim, seedArticle } from './helpers.js';

/** `POST /orders` (OrderPostable) and `/customers`, as the spec documents them. */
const debtor = {
  email: 'anna@example.nl',
  address: {
    invoice: {
      name: 'Anna de Vries',
      zipcode: '1234AB',
      street: 'Kerkstraat',
      number: '12',
      country_code: 'NL',
    },
  },
};

t.test('POST /orders creates an order that GET /orders lists', async (t) => {
  const sim = buildSim();
  const article = (await seedArticle(sim, {
    name: 'Mok',
    sku: 'MOK',
    categories: [{ id: 1 }],
    price: { default: '12.95' },
  })) as { id: number };
  const created = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}&disable_shipping=true`,
    payload: {
      status: 4,
      comments: { internal: 'Koppel: 2026-1' },
      payment: { gateway_name: 'basic', method_name: 'kassa', status: { id: 1 } },
      debtor,
      orderlines: [
        { type: 'article', quantity: 3, price_override: '10.00', articles: [{ id: article.id }] },
        {
          type: 'custom',
          quantity: 1,
          description: 'Afronding',
          unit_price: { amount_including_tax: '0.01', rate: '21.00' },
          unit_weight: '0',
        },
        {
          type: 'custom',
          quantity: 1,
          description: 'Excl.',
          unit_price: { amount: '8.264463', rate: '21.00' },
          unit_weight: '0',
        },
      ],
    },
  });
  t.equal(created.statusCode, 200, created.body);
  const order = created.json() as {
    number: number;
    status: number;
    price: { total: string };
    comments: { internal: string };
  };
  t.equal(order.price.total, '40.01', '30.00 + 0.01 + 10.00');
  t.equal(order.status, 4);
  const listed = (
    await sim.app.inject({ url: `/v1/orders?${AUTH}&debtor_email=anna@example.nl` })
  ).json() as { number: number; comments: { internal: string } }[];
  t.same(
    listed.map((o) => [o.number, o.comments.internal]),
    [[order.number, 'Koppel: 2026-1']],
  );
});

t.test('an invalid order is a 422 ApiProblem naming the field', async (t) => {
  const sim = buildSim();
  const noLines = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: { debtor, orderlines: [] },
  });
  t.equal(noLines.statusCode, 422);
  t.match(noLines.json(), { status: 422, detail: /orderlines/ });
  const unknownArticle = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: { debtor, orderlines: [{ type: 'article', quantity: 1, articles: [{ id: 999 }] }] },
  });
  t.equal(unknownArticle.statusCode, 422);
  const unknownCustomer = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: {
      debtor: { ...debtor, id: '00000000-0000-4000-8000-00000000beef' },
      orderlines: [
        {
          type: 'custom',
          quantity: 1,
          description: 'x',
          unit_price: { amount_including_tax: '1.00', rate: '21.00' },
        },
      ],
    },
  });
  t.equal(unknownCustomer.statusCode, 422);
  t.match(unknownCustomer.json(), { detail: /debtor\.id/ });
});

t.test('customers: search by e-mail, create, update', async (t) => {
  const sim = buildSim();
  const made = await sim.app.inject({
    method: 'POST',
    url: `/v1/customers?${AUTH}`,
    payload: { email: 'anna@example.nl', firstName: 'Anna' },
  });
  t.equal(made.statusCode, 200);
  const { customer } = made.json() as { customer: { id: string } };
  const again = await sim.app.inject({
    method: 'POST',
    url: `/v1/customers?${AUTH}`,
    payload: { email: 'anna@example.nl' },
  });
  t.equal(again.statusCode, 422, 'an e-mail is one customer');
  const found = (await sim.app.inject({ url: `/v1/customers?${AUTH}&q=ANNA@example.nl` })).json() as {
    customers: { id: string }[];
  };
  t.same(
    found.customers.map((c) => c.id),
    [customer.id],
  );
  const patched = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/customers/${customer.id}?${AUTH}`,
    payload: { lastName: 'de Vries' },
  });
  t.match(patched.json(), { customer: { firstName: 'Anna', lastName: 'de Vries' } });
  const unauthorised = await sim.app.inject({ url: '/v1/customers?token=wrong' });
  t.not(unauthorised.statusCode, 200, 'the API tokens are required');
});
