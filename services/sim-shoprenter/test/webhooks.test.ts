import { XMLParser } from 'fast-xml-parser';
import t from 'tap';
import { anOrder, bearerHeaders, startReceiver, startSimulator } from './helpers/simulator.js';

type Payload = { orders: { order: Record<string, unknown>[] } };

async function registerHook(sim: ReturnType<typeof startSimulator>, body: Record<string, unknown>) {
  const res = await sim.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers: await bearerHeaders(sim),
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`webhook create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; innerId: string };
}

t.test('order_confirm posts the documented JSON payload with the sample types', async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  const sim = startSimulator({ shopName: 'demo', now: new Date('2025-03-01T09:15:00Z') });
  await registerHook(sim, {
    label: 'feed',
    event: 'order_confirm',
    status: '1',
    webHookParameters: [{ type: 'json', url: receiver.url() }],
  });
  const created = await sim.createOrder(anOrder());
  t.equal(created.innerId, '100', 'innerIds start at 100');
  t.equal(receiver.received.length, 1);
  const hit = receiver.received[0];
  t.equal(hit?.method, 'POST');
  t.match(hit?.headers['content-type'], /^application\/json/);
  t.notOk(hit?.headers['x-shoprenter-signature'], 'no signature header');
  const order = (JSON.parse(hit?.body ?? '{}') as Payload).orders.order[0] ?? {};
  t.match(order, {
    storeName: 'demo',
    innerId: '100',
    innerResourceId: `orders/${Buffer.from('order-order_id=100').toString('base64')}`,
    outerResourceId: '',
    email: 'anna@example.hu',
    paymentCompany: 'Kovacs Kft',
    paymentTaxnumber: '12345678-2-06',
    shippingZoneName: 'Csongrad',
    shippingGrossPrice: '1270',
    total: '10000',
    totalGross: '12700',
    taxPrice: '2700',
    currency: 'HUF',
    orderHistory: { status: '1', statusText: 'Pending', comment: '', dateAdded: '2025-03-01 10:15:00' },
  });
  t.equal(order.shippingNetPrice, 1000, 'shippingNetPrice is a JSON number');
  t.equal(order.paymentNetPrice, 0, 'paymentNetPrice is a JSON number');
  t.equal(order.paymentGrossPrice, 0);
  t.equal(order.couponGrossPrice, null, 'couponGrossPrice is null');
  t.equal(order.shippingMethodCode, 'WSESHIP', 'C-only fields present on order_confirm');
  t.notOk('newsletterChecked' in order, 'S-only fields absent on order_confirm');
  const line = (order.orderProducts as { orderProduct: Record<string, unknown>[] }).orderProduct[0];
  t.match(line, {
    sku: 'MUG-01',
    name: 'Mug',
    price: '4500',
    taxRate: '27.0000',
    quantity: '2',
    category: 'Kitchen, Mugs',
  });
  t.match(line?.innerResourceId, /^orderProducts\//);
  t.same(
    sim.deliveries({ event: 'order_confirm' }).map((d) => [d.status, d.statusCode]),
    [['delivered', 200]],
  );
});

t.test('order_status_change posts XML with the same tree and honours the fields whitelist', async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  const sim = startSimulator();
  const fields = [
    'order_innerId',
    'order_email',
    'order_shippingMethodCode',
    'order_newsletterChecked',
    'orderHistory_status',
    'orderHistory_statusText',
    'orderProduct_sku',
    'orderProduct_quantity',
  ];
  await registerHook(sim, {
    label: 'status',
    event: 'order_status_change',
    status: '1',
    webHookParameters: [{ type: 'xml', url: receiver.url('/x'), fields }],
  });
  await sim.createOrder(anOrder());
  t.equal(receiver.received.length, 0, 'no hook for order_confirm');
  const changed = await sim.app.inject({
    method: 'POST',
    url: '/_control/orders/100/status',
    payload: { statusId: 5, comment: 'done' },
  });
  t.equal(changed.statusCode, 200);
  t.equal(receiver.received.length, 1);
  const hit = receiver.received[0];
  t.match(hit?.headers['content-type'], /^application\/xml/);
  t.match(hit?.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<orders><order>/);
  const parsed = new XMLParser({
    parseTagValue: false,
    isArray: (name) => ['order', 'orderProduct'].includes(name),
  }).parse(hit?.body ?? '') as Payload;
  const order = parsed.orders.order[0] ?? {};
  t.same(
    order,
    {
      innerId: '100',
      email: 'anna@example.hu',
      newsletterChecked: '0',
      orderHistory: { status: '5', statusText: 'Complete' },
      orderProducts: { orderProduct: [{ sku: 'MUG-01', quantity: '2' }] },
    },
    'only whitelisted fields, minus order_shippingMethodCode (order_confirm only)',
  );
});

t.test('webHookDelay schedules deliveries until flushed; failures are recorded once', async (t) => {
  const receiver = await startReceiver(500);
  t.teardown(receiver.close);
  const sim = startSimulator({ now: new Date('2025-03-01T09:00:00Z') });
  await registerHook(sim, {
    label: 'later',
    event: 'order_confirm',
    status: '1',
    webHookParameters: [{ type: 'json', url: receiver.url() }],
    webHookDelay: [{ delay: '2', delayUnit: 'hour' }],
  });
  await registerHook(sim, {
    label: 'off',
    event: 'order_confirm',
    status: '0',
    webHookParameters: [{ type: 'json', url: receiver.url('/off') }],
  });
  const created = await sim.createOrder(anOrder());
  t.same(
    created.deliveries.map((d) => [d.status, d.dueAt]),
    [['scheduled', '2025-03-01T11:00:00.000Z']],
    'inactive hook skipped',
  );
  t.equal(receiver.received.length, 0);
  const notDue = await sim.app.inject({
    method: 'POST',
    url: '/_control/webhook-deliveries/flush',
    payload: { dueOnly: true },
  });
  t.same(notDue.json(), { deliveries: [] });
  const flushed = await sim.app.inject({
    method: 'POST',
    url: '/_control/webhook-deliveries/flush',
    payload: {},
  });
  t.match(flushed.json(), { deliveries: [{ status: 'failed', statusCode: 500, error: 'HTTP 500' }] });
  t.equal(receiver.received.length, 1, 'at most once: no retry');
  const list = await sim.app.inject({ method: 'GET', url: '/_control/webhook-deliveries?status=failed' });
  t.equal((list.json() as { deliveries: unknown[] }).deliveries.length, 1);
});

t.test('an unreachable receiver is recorded with its error', async (t) => {
  const receiver = await startReceiver();
  const url = receiver.url();
  await receiver.close();
  const sim = startSimulator();
  await registerHook(sim, {
    label: 'gone',
    event: 'order_confirm',
    status: '1',
    webHookParameters: { type: 'json', url },
  });
  const created = await sim.createOrder(anOrder());
  t.match(created.deliveries, [{ status: 'failed', statusCode: null, error: /fetch failed|ECONNREFUSED/ }]);
});

t.test('webHooks CRUD validates input and answers in the resource shape', async (t) => {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  const missing = await sim.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers,
    payload: { label: 'x' },
  });
  t.equal(missing.statusCode, 400);
  t.match(missing.json(), { error: 40003, message: /event/ });
  const badField = await sim.app.inject({
    method: 'POST',
    url: '/api/webHooks',
    headers,
    payload: {
      label: 'x',
      event: 'order_confirm',
      status: '1',
      webHookParameters: [{ type: 'json', url: 'https://a.example/h', fields: ['order_nope'] }],
    },
  });
  t.match(badField.json(), { error: 40005 });
  const hook = await registerHook(sim, {
    label: 'x',
    event: 'order_confirm',
    status: '1',
    webHookParameters: [{ type: 'json', url: 'https://a.example/h' }],
  });
  t.equal(Buffer.from(hook.id, 'base64').toString(), `webHook-notification_id=${hook.innerId}`);
  const put = await sim.app.inject({
    method: 'PUT',
    url: `/api/webHooks/${hook.id}`,
    headers,
    payload: { data: { status: '0' } },
  });
  t.match(put.json(), {
    status: '0',
    label: 'x',
    webHookParameters: [{ type: 'json', webHook: { href: /webHooks/ } }],
  });
  t.equal(
    (await sim.app.inject({ method: 'DELETE', url: `/api/webHooks/${hook.id}`, headers })).statusCode,
    204,
  );
  t.equal(
    (await sim.app.inject({ method: 'GET', url: `/api/webHooks/${hook.id}`, headers })).statusCode,
    404,
  );
});

t.test(
  'both events in both formats; abandoned carts fire abandoned_cart, completing one fires order_confirm',
  async (t) => {
    const receiver = await startReceiver();
    t.teardown(receiver.close);
    const sim = startSimulator();
    for (const event of ['order_confirm', 'order_status_change', 'abandoned_cart']) {
      await registerHook(sim, {
        label: event,
        event,
        status: '1',
        webHookParameters: [
          { type: 'json', url: receiver.url(`/${event}/json`) },
          { type: 'xml', url: receiver.url(`/${event}/xml`) },
        ],
      });
    }
    await sim.createOrder(anOrder({ statusId: 0 }));
    t.same(
      receiver.received.map((r) => r.url),
      ['/abandoned_cart/json', '/abandoned_cart/xml'],
    );
    const abandoned = (JSON.parse(receiver.received[0]?.body ?? '{}') as Payload).orders.order[0] ?? {};
    t.notOk('shippingInnerResourceId' in abandoned, 'C+S fields absent on abandoned_cart');
    await sim.changeOrderStatus(100, 1);
    await sim.changeOrderStatus(100, 3);
    t.same(
      receiver.received.slice(2).map((r) => r.url),
      ['/order_confirm/json', '/order_confirm/xml', '/order_status_change/json', '/order_status_change/xml'],
    );
    const xmlParser = new XMLParser({
      parseTagValue: false,
      isArray: (name) => ['order', 'orderProduct'].includes(name),
    });
    for (const [jsonHit, xmlHit] of [
      [receiver.received[2], receiver.received[3]],
      [receiver.received[4], receiver.received[5]],
    ]) {
      const fromJson = (JSON.parse(jsonHit?.body ?? '{}') as Payload).orders.order[0] ?? {};
      const fromXml = (xmlParser.parse(xmlHit?.body ?? '') as Payload).orders.order[0] ?? {};
      t.same(Object.keys(fromXml), Object.keys(fromJson), `${xmlHit?.url}: same tree as JSON`);
      t.equal(fromXml.innerId, fromJson.innerId);
    }
    const change = (JSON.parse(receiver.received[4]?.body ?? '{}') as Payload).orders.order[0] ?? {};
    t.match(change, { orderHistory: { status: '3', statusText: 'Shipped' }, newsletterChecked: '0' });
    t.notOk('paymentMethodCode' in change, 'C-only fields absent on order_status_change');
  },
);
