/**
 * myShop end to end on real Kafka and Postgres: orders placed in the myShop simulator are pulled
 * by the primary poller (rpc id handshake, sha1 pk, change_time) and booked once in the Asperion
 * simulator, which runs permissive (it would keep a second invoice with the same number), so
 * "once" is counted per document number in the target. A cursor reset re-imports without
 * doubling; a shop outage (503, then 429 with Retry-After) delays but loses nothing.
 */
import { cursorFor } from '@koppel/connector-myshop';
import t from 'tap';
import { eventually } from '../support/eventually.js';
import { MYSHOP_SHOP, type MyshopFixture, startMyshopFixture } from '../support/myshop-fixture.js';

let fx: MyshopFixture;
t.before(async () => {
  fx = await startMyshopFixture();
});
t.teardown(async () => fx?.close());

async function place(email: string) {
  const res = await fx.myshop.app.inject({
    method: 'POST',
    url: `/_control/shops/${MYSHOP_SHOP}/orders`,
    payload: {
      customer: { name: 'Jan Jansen', email },
      invoice_address: {
        name: 'Jan Jansen',
        street: 'Dorpsstraat',
        housenumber: '12',
        zipcode: '1234AB',
        city: 'Utrecht',
        country: 'NL',
      },
      lines: [{ description: 'Mok wit', quantity: 2, unit_price: '12.10', vat_rate: '21.00' }],
      shipping_costs: { amount: '6.05', vat_rate: '21.00' },
      payment_status: 'paid',
    },
  });
  if (res.statusCode !== 201) throw new Error(`placing the order failed: ${res.body}`);
  return res.json() as { orderId: string; number: number };
}

const booked = (number: number) => fx.invoicesNumbered(`WEB-${number}`);

t.test('orders placed in myShop are booked once each', async (t) => {
  const orders = [await place('een@example.nl'), await place('twee@example.nl')];
  for (const order of orders) {
    await eventually(
      `invoice WEB-${order.number}`,
      async () => ((await booked(order.number)) > 0 ? true : undefined),
      30_000,
    );
  }
  // Further polls see the same orders again (the simulator answers the whole day): still once.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const order of orders)
    t.equal(await booked(order.number), 1, `WEB-${order.number} once in the target`);
});

t.test('a cursor reset re-imports the orders without doubling them', async (t) => {
  const order = await place('reset@example.nl');
  await eventually(
    'the first booking',
    async () => ((await booked(order.number)) > 0 ? true : undefined),
    30_000,
  );
  const reset = await fx.schedules.reset(
    fx.connectionId,
    cursorFor({
      since: new Date(Date.now() - 3600_000),
    }),
  );
  t.ok(reset, 'the cursor moved back');
  await eventually(
    'the re-import reaching the target step',
    async () => {
      const received = (await fx.journey(order.orderId)).filter((s) => s.stage === 'received');
      return received.length >= 2 ? received : undefined;
    },
    30_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 2000));
  t.equal(await booked(order.number), 1, 'still one invoice: the target look-up skipped it');
});

t.test('a shop outage (503, then 429 with Retry-After) delays but loses nothing', async (t) => {
  fx.myshop.kit.faults.configure({
    failSequence: [{ status: 503 }, { status: 429, retryAfterSeconds: 2 }],
  });
  const order = await place('outage@example.nl');
  await eventually(
    'the invoice after the outage',
    async () => ((await booked(order.number)) > 0 ? true : undefined),
    45_000,
  );
  const failures = (await fx.journey('_poller'))
    .filter((s) => s.stage === 'failed')
    .map((s) => s.detail.code);
  t.ok(failures.includes('SOURCE_UNAVAILABLE'), 'the 503 was seen');
  t.ok(failures.includes('SOURCE_RATE_LIMITED'), 'the 429 was seen');
  t.equal(await booked(order.number), 1, 'booked once');
});
