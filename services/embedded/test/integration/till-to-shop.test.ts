import t from 'tap';
import { eventually } from '../support/eventually.js';
import { startTillToShopFixture, type TillToShopFixture } from '../support/till-to-shop-fixture.js';

/**
 * Till to shop end to end on real Kafka and Postgres: an order taken at the MplusKASSA till
 * (`getOrders`) becomes one Mijnwebwinkel shop order (`POST /orders`) with the till's total;
 * later polls do not create it again (the shop simulator would take a second one); an order
 * Koppel put into Mplus from a shop (extOrderId `WEB-…`) is not sent back.
 */
let fx: TillToShopFixture;
t.before(async () => {
  fx = await startTillToShopFixture();
  // A new connection sends only orders taken from now on: wait for the schedule's first cursor.
  await eventually('the poll schedule', () => fx.schedules.find(fx.connectionId));
});
t.teardown(async () => fx?.close());

t.test('a till order appears once in the shop, a WEB- order never', async (t) => {
  const web = await fx.takeTillOrder('WEB-1042');
  const till = await fx.takeTillOrder();
  const created = await eventually(
    `shop order for till order ${till.orderString}`,
    async () => {
      const orders = await fx.shopOrders(till.orderString);
      return orders.length > 0 ? orders : undefined;
    },
    45_000,
  );
  t.equal(created.length, 1, 'one shop order');
  t.equal(created[0]?.total, '35.40', "with the till's total (3 × 10.00 + 5.40)");

  await eventually(
    'the WEB- order ignored',
    async () => (await fx.journey(web.orderId)).find((step) => step.stage === 'ignored'),
    45_000,
  );
  t.same(await fx.shopOrders(web.orderString), [], 'the WEB- order did not come back');

  // The next polls (every 10 s) re-read nothing new; the look-up keeps a re-delivery from doubling.
  const schedule = await fx.schedules.find(fx.connectionId);
  await eventually(
    'a later poll',
    async () => {
      const now = await fx.schedules.find(fx.connectionId);
      return now?.lastPolledAt && schedule?.lastPolledAt && now.lastPolledAt > schedule.lastPolledAt
        ? true
        : undefined;
    },
    30_000,
  );
  t.equal((await fx.shopOrders(till.orderString)).length, 1, 'still one shop order after further polls');
  t.equal(await fx.shopOrderCount(), 1, 'and nothing else in the shop');
});
