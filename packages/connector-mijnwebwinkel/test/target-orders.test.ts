/**
 * The Mijnwebwinkel target against its simulator: the look-up pages through the customer's
 * orders (an order behind more than 100 newer ones is still found), and the store's currency and
 * business models decide what a till order can be.
 */
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { createCountingServices } from '@koppel/connector-sdk/testing';
import { CanonicalOrderSchema, CustomerRefSchema, DebtorKind, LineKind } from '@koppel/contracts';
import t from 'tap';
import { mijnwebwinkelTargetConnector as target } from '../src/index.js';
import { PARTNER_TOKEN, placeOrder, STORE_TOKEN, startSimulator } from './support/simulator.js';

const sim = await startSimulator();
t.teardown(() => sim.app.close());

const services = createCountingServices();
const session = () =>
  target.openSession(
    {
      connectionId: 'c1',
      tenantId: 't1',
      settings: target.settingsSchema.parse({ apiBaseUrl: sim.url, orderStatus: 4 }),
      credentials: { apiToken: STORE_TOKEN, partnerToken: PARTNER_TOKEN },
    },
    services,
  );

function tillOrder(number: string, email: string, extra: { companyName?: string; currency?: string } = {}) {
  return create(CanonicalOrderSchema, {
    sourceSystem: 'mplus',
    externalId: `till-${number}`,
    orderNumber: number,
    currency: extra.currency ?? 'EUR',
    createdAt: timestampFromDate(new Date()),
    customer: {
      email,
      firstName: 'Jan',
      lastName: 'Jansen',
      companyName: extra.companyName ?? '',
      vatNumber: 'NL001234567B01',
    },
    billingAddress: {
      firstName: 'Jan',
      lastName: 'Jansen',
      postcode: '1234AB',
      city: 'Utrecht',
      countryCode: 'NL',
    },
    lines: [
      { kind: LineKind.PRODUCT, sku: 'MOK', name: 'Mok', quantity: 1, vatRateBp: 2100, totalGross: 1295n },
    ],
    totals: { gross: 1295n },
  });
}

async function book(order: ReturnType<typeof tillOrder>) {
  const s = session();
  const prepared = target.prepareDocument(order, s);
  t.equal(await target.findDocument(s, prepared, order), null, 'not booked before');
  const email = order.customer?.email ?? '';
  const customer = create(CustomerRefSchema, {
    customerId: email,
    normalizedEmail: email,
    kind: DebtorKind.PERSON,
    displayName: 'Jan Jansen',
    contact: { firstName: 'Jan', lastName: 'Jansen' },
  });
  const debtor =
    (await target.findDebtorByEmail(s, email)) ?? (await target.createDebtor(s, customer, order));
  const document = await target.createDocument(s, prepared, debtor);
  return { s, prepared, document };
}

const stored = (number: string) => sim.holder.state.orders.find((o) => String(o.number) === number)?.order;

t.test('a till order behind more than 100 newer shop orders of the customer is still found', async (t) => {
  const order = tillOrder('2026-500', 'vaste.klant@example.nl');
  const { s, prepared, document } = await book(order);
  for (let i = 0; i < 120; i += 1) {
    await placeOrder(sim, {
      debtor: { email: 'vaste.klant@example.nl', invoice: { name: 'Jan', zipcode: '1234AB' } },
    });
  }
  const found = await target.findDocument(s, prepared, order);
  t.same(found, document, 'found on the second page');
});

t.test('a company is booked B2B with its reference; a B2C-only store books it B2C', async (t) => {
  const b2b = await book(tillOrder('2026-501', 'inkoop@bakkerij.example', { companyName: 'Bakkerij BV' }));
  t.match(stored(b2b.document.number), {
    business_model: 'B2B',
    reference: '2026-501',
    debtor: { address: { invoice: { company: 'Bakkerij BV', taxnumber: 'NL001234567B01' } } },
  });
  sim.holder.state.store.available_business_models = 'B2C';
  t.teardown(() => {
    sim.holder.state.store.available_business_models = 'ALL';
  });
  const b2c = await book(tillOrder('2026-502', 'inkoop@molen.example', { companyName: 'Molen BV' }));
  t.match(stored(b2c.document.number), {
    business_model: 'B2C',
    reference: '',
    debtor: { address: { invoice: { company: 'Molen BV' } } },
  });
});

t.test("an order in another currency than the store's is refused before any write", async (t) => {
  const s = session();
  const order = tillOrder('2026-503', 'usd@example.nl', { currency: 'USD' });
  const customers = sim.holder.state.customers.length;
  await t.rejects(target.findDocument(s, target.prepareDocument(order, s), order), {
    code: 'VALIDATION_FAILED',
    field: 'currency',
    message: /sells in EUR/,
  });
  t.equal(sim.holder.state.customers.length, customers, 'no customer written');
  sim.holder.state.store.currency = 'USD';
  t.teardown(() => {
    sim.holder.state.store.currency = 'EUR';
  });
  const usd = await book(tillOrder('2026-504', 'usd@example.nl', { currency: 'USD' }));
  t.equal(stored(usd.document.number)?.currency, 'USD', 'a USD store takes it, in USD');
});
