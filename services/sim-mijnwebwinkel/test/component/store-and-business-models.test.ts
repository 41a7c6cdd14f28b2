import t from 'tap';
import { AUTH, buildSim } from './helpers.js';

/** `GET /store` (spec `Store`) and the spec's "Business models" rules of `POST /orders`. */
const order = (extra: Record<string, unknown>, company = 'Acme BV') => ({
  debtor: {
    email: 'inkoop@acme.example',
    address: { invoice: { name: 'Anna de Vries', company, zipcode: '1234AB', taxnumber: 'NL001234567B01' } },
  },
  orderlines: [
    {
      type: 'custom',
      quantity: 1,
      description: 'Mok',
      unit_price: { amount_including_tax: '12.10', rate: '21.00' },
      unit_weight: '0',
    },
  ],
  ...extra,
});

t.test('GET /store shows the currency and the business models orders may use', async (t) => {
  const sim = buildSim();
  const store = (await sim.app.inject({ url: `/v1/store?${AUTH}` })).json() as Record<string, unknown>;
  t.match(store, { currency: 'EUR', available_business_models: 'ALL', prices_include_tax: true });
});

t.test('a B2B order keeps its reference and tax number, in the store currency', async (t) => {
  const sim = buildSim();
  sim.holder.state.store.currency = 'USD';
  const created = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: order({ business_model: 'B2B', reference: 'Koppel: 2025-7' }),
  });
  t.equal(created.statusCode, 200, created.body);
  t.match(created.json(), {
    business_model: 'B2B',
    reference: 'Koppel: 2025-7',
    currency: 'USD',
    debtor: { address: { invoice: { company: 'Acme BV', taxnumber: 'NL001234567B01' } } },
  });
});

t.test('B2B needs a company and a store that allows it; reference is B2B only', async (t) => {
  const sim = buildSim();
  const noCompany = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: order({ business_model: 'B2B' }, ''),
  });
  t.equal(noCompany.statusCode, 422);
  const b2cReference = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: order({ reference: 'x' }),
  });
  t.equal(b2cReference.statusCode, 422, 'omitted business_model is B2C in an ALL store');
  sim.holder.state.store.available_business_models = 'B2C';
  const refused = await sim.app.inject({
    method: 'POST',
    url: `/v1/orders?${AUTH}`,
    payload: order({ business_model: 'B2B' }),
  });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, /does not allow B2B/);
});
