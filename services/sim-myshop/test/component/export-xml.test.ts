import t from 'tap';
import { buildSim, exportedOrders, pullOrders, SHOP, seedOrder } from './helpers.js';

t.test('one order in the export: ids, times, customer, addresses, lines, costs, totals', async (t) => {
  const sim = buildSim();
  await sim.app.inject({
    method: 'POST',
    url: `/_control/shops/${SHOP}/products`,
    payload: { product_id: '501', sku: 'MOK-W', name: 'Mok wit', stock: 10 },
  });
  await seedOrder(sim, {
    customer: { name: 'Jan Jansen', email: 'jan@example.nl', phone: '0612345678', company: 'Jansen & Zn' },
    payment_status: 'paid',
    comment: 'Graag na 17u',
    lines: [
      { product_id: '501', quantity: 2, unit_price: '29.00' },
      { description: 'Theezakjes', quantity: 1, unit_price: '10.90', vat_rate: '9' },
    ],
    shipping_costs: { amount: '10.00' },
    payment_costs: { amount: '0.29' },
  });
  const res = await pullOrders(sim, '20010101010101');
  t.match(
    res.body,
    /^<\?xml version="1.0" encoding="UTF-8"\?><orders><order><shop_order>12345_00001<\/shop_order>/,
  );
  t.match(res.body, /Jansen &amp; Zn/, 'entities escaped');
  const [order] = exportedOrders(res.body);
  t.match(order, {
    shop_order: '12345_00001',
    ordernumber: '1',
    orderdate: '2025-03-01',
    ordertime: '14:05:09',
    change_time: '20250301140509',
    paymentstatus: 'paid',
    orderstatus: 'Nieuw',
    currency: 'EUR',
    comment: 'Graag na 17u',
    customer: { name: 'Jan Jansen', email: 'jan@example.nl', phone: '0612345678', company: 'Jansen & Zn' },
    invoice_address: {
      street: 'Dorpsstraat',
      housenumber: '12',
      zipcode: '1234AB',
      city: 'Utrecht',
      country: 'NL',
    },
    delivery_address: { name: 'Jan Jansen' },
    shipping_costs: { amount_incl: '10.00', amount_excl: '8.26', vat_rate: '21.00' },
    payment_costs: { amount_incl: '0.29', amount_excl: '0.24', vat_rate: '21.00' },
    // 21%: 58.00 + 10.00 + 0.29 incl = 68.29; excl 47.93 + 8.26 + 0.24 = 56.43 -> VAT 11.86. 9%: 10.90/10.00.
    totals: {
      total_incl: '79.19',
      total_vat: '12.76',
      total_excl: '66.43',
      vat_specification: {
        vat: [
          { vat_rate: '21.00', amount: '11.86' },
          { vat_rate: '9.00', amount: '0.90' },
        ],
      },
    },
  });
  t.same((order?.orderlines as { orderline: unknown[] } | undefined)?.orderline, [
    {
      product_id: '501',
      article_code: 'MOK-W',
      ean: '',
      description: 'Mok wit',
      quantity: '2',
      price_incl: '29.00',
      price_excl: '23.97',
      vat_rate: '21.00',
      total_incl: '58.00',
      total_excl: '47.93',
    },
    {
      product_id: '',
      article_code: '',
      ean: '',
      description: 'Theezakjes',
      quantity: '1',
      price_incl: '10.90',
      price_excl: '10.00',
      vat_rate: '9.00',
      total_incl: '10.90',
      total_excl: '10.00',
    },
  ]);
  const state = (await sim.app.inject({ url: '/_control/state' })).json();
  t.equal(state.shops[0].products[0].stock, 8, 'the order took stock');
});

t.test('no matching orders: an empty orders document', async (t) => {
  const sim = buildSim();
  const res = await pullOrders(sim, '20250101000000');
  t.notMatch(res.body, /invalid request/);
  t.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?><orders(\/>|><\/orders>)$/);
});
