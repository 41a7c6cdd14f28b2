import t from 'tap';
import { buildSim, exportedOrders, pullOrders, SHOP, seedOrder } from './helpers.js';

const ids = async (sim: ReturnType<typeof buildSim>, changeTime: string) =>
  exportedOrders((await pullOrders(sim, changeTime)).body).map((o) => o.shop_order);

t.test('exact: orders created or changed at or after change_time (shop time)', async (t) => {
  const sim = buildSim({ changeTimeGranularity: 'exact' });
  await seedOrder(sim, { placed_at: '2025-02-27T09:00:00Z' }); // 10:00 Amsterdam
  await seedOrder(sim); // 2025-03-01 14:05:09 Amsterdam
  t.same(await ids(sim, '20250301140509'), ['12345_00002'], 'inclusive bound');
  t.same(await ids(sim, '20250301140510'), []);
  t.same(await ids(sim, '20250227100000'), ['12345_00001', '12345_00002']);
  sim.clock.advance(3600_000);
  const changed = await sim.app.inject({
    method: 'PATCH',
    url: `/_control/shops/${SHOP}/orders/1`,
    payload: { payment_status: 'paid' },
  });
  t.equal(changed.statusCode, 200);
  t.same(await ids(sim, '20250301150000'), ['12345_00001'], 'a payment status change counts as a change');
});

t.test('day (default): change_time is coarse, the whole day comes back', async (t) => {
  const sim = buildSim();
  await seedOrder(sim, { placed_at: '2025-02-28T09:00:00Z' });
  await seedOrder(sim, { placed_at: '2025-03-01T07:00:00Z' });
  await seedOrder(sim);
  t.same(await ids(sim, '20250301140509'), ['12345_00002', '12345_00003'], 'earlier that day included');
  t.same(await ids(sim, '20250302000000'), []);
});

t.test('aborted checkouts and custom statuses appear in the export', async (t) => {
  const sim = buildSim();
  await seedOrder(sim, { aborted: true });
  const status = await sim.app.inject({
    method: 'POST',
    url: `/_control/shops/${SHOP}/statuses`,
    payload: { name: 'Wacht op leverancier' },
  });
  t.match(status.json(), { id: 100, custom: true });
  await seedOrder(sim, { status_id: 100 });
  const [aborted, custom] = exportedOrders((await pullOrders(sim, '20010101010101')).body);
  t.match(aborted, { aborted: '1', orderstatus: 'Afgebroken', orderstatus_id: '6' });
  t.match(custom, {
    aborted: '0',
    orderstatus: 'Wacht op leverancier',
    orderstatus_id: '100',
    orderstatus_custom: '1',
  });
});

t.test('order numbers are per shop, zero-padded to 5 digits in the order id', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'POST',
    url: '/_control/shops',
    payload: { number: '1817700', privateKey: 'k2' },
  });
  for (let i = 0; i < 12; i++) {
    await sim.app.inject({
      method: 'POST',
      url: '/_control/shops/1817700/orders',
      payload: {
        customer: { name: 'A', email: 'a@b.nl' },
        invoice_address: { name: 'A' },
        lines: [{ description: 'x', quantity: 1, unit_price: '1.00' }],
      },
    });
  }
  const first = await seedOrder(sim);
  t.equal(first.orderId, '12345_00001');
  const state = (await sim.app.inject({ url: '/_control/state' })).json();
  t.equal(state.shops[1].orders[11].number, 12);
  const res = await sim.app.inject({
    method: 'POST',
    url: '/_control/shops/1817700/orders',
    payload: {
      customer: { name: 'A', email: 'a@b.nl' },
      invoice_address: { name: 'A' },
      lines: [{ description: 'x', quantity: 1, unit_price: '1.00' }],
    },
  });
  t.equal(res.json().orderId, '1817700_00013');
});
