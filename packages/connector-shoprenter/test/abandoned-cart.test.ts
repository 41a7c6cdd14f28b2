import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import t from 'tap';
import { splitShoprenterWebhook } from '../src/index.js';

/**
 * Abandoned carts as the simulator sends them (`abandoned_cart`, status 0): recognised and
 * marked ignored, whether the webhook URL names the event or not; a placed order is not.
 */
const sim = buildShoprenterSimulator({ rateLimit: false });
t.teardown(() => sim.app.close());
for (const event of ['abandoned_cart', 'order_confirm']) {
  const response = await sim.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers: {
      authorization: `Bearer ${sim.issueToken()}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    // Port 9 (discard) refuses at once: the body is recorded, nothing listens.
    payload: {
      label: `test ${event}`,
      event,
      status: '1',
      webHookParameters: [{ type: 'json', url: 'http://127.0.0.1:9/hook' }],
    },
  });
  if (response.statusCode >= 300) throw new Error(response.body);
}

const cart = {
  customer: { firstname: 'Anna', lastname: 'Kovács', email: 'anna@example.hu', phone: '' },
  company: '',
  taxNumber: '',
  billingAddress: {
    address1: 'Fő utca 1',
    city: 'Szeged',
    postcode: '6720',
    countryName: 'Hungary',
    countryCode: 'HU',
  },
  lines: [{ sku: 'MUG-01', name: 'Mug', netPrice: '1000', taxRate: '27', quantity: 1 }],
  shipping: { name: 'GLS', extension: 'WSESHIP', netPrice: '0', taxRate: '27' },
  payment: { name: 'Utánvét', code: 'COD', netPrice: '0', taxRate: '27' },
  currency: 'HUF',
};

t.test('an abandoned_cart webhook is recognised and ignored, never an order', async (t) => {
  const created = await sim.createOrder({ ...cart, statusId: 0 });
  const delivery = sim.deliveries().find((d) => d.orderInnerId === Number(created.innerId));
  t.equal(delivery?.event, 'abandoned_cart', 'the simulator sent abandoned_cart');
  const body = delivery?.body ?? '';
  for (const query of [{ event: 'abandoned_cart' }, {}] as Record<string, string>[]) {
    const [event] = splitShoprenterWebhook({ contentType: 'application/json', body, query, headers: {} });
    t.equal(event?.eventType, 'abandoned_cart', `event type (query ${JSON.stringify(query)})`);
    t.match(event?.ignoredReason, /abandoned cart/, 'ignored with a reason');
  }
});

t.test('a placed order is not ignored', async (t) => {
  const created = await sim.createOrder(cart);
  const delivery = sim.deliveries().find((d) => d.orderInnerId === Number(created.innerId));
  const [event] = splitShoprenterWebhook({
    contentType: 'application/json',
    body: delivery?.body ?? '',
    query: {},
    headers: {},
  });
  t.equal(event?.eventType, 'order_confirm');
  t.equal(event?.ignoredReason, undefined);
});
