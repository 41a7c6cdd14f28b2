import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { readFixture, split as splitBody, splitFixture } from './fixture-files.js';

const decoder = new TextDecoder();

t.test('connector facts', async (t) => {
  t.equal(shoprenterConnector.system, 'shoprenter');
  t.equal(shoprenterConnector.webhook?.authentication, 'url-secret');
  t.same(
    [...(shoprenterConnector.webhook?.acceptedContentTypes ?? [])],
    ['application/json', 'application/xml', 'text/xml'],
  );
  t.equal(shoprenterConnector.poller?.role, 'reconciliation');
});

t.test('the documented sample splits into one event keyed by order and status', async (t) => {
  const [event, ...rest] = splitFixture('documented-sample.json');
  t.same(rest, []);
  t.equal(event?.eventType, 'order_status_change');
  t.equal(event?.eventKey, 'order:205:status:1', 'the key the poll gives for the same order state');
  t.equal(event?.externalOrderId, '205');
});

t.test('JSON and XML of the same order give byte-identical payloads', async (t) => {
  for (const name of ['documented-sample', 'company-order-confirm']) {
    const [fromJson] = splitFixture(`${name}.json`);
    const [fromXml] = splitFixture(`${name}.xml`);
    t.equal(fromXml?.eventKey, fromJson?.eventKey, `${name} key`);
    t.equal(decoder.decode(fromXml?.payload), decoder.decode(fromJson?.payload), `${name} payload`);
  }
});

t.test('the payload is normalised: strings only, source decimals kept, lists always arrays', async (t) => {
  const [event] = splitFixture('documented-sample.json');
  const order = JSON.parse(decoder.decode(event?.payload));
  t.equal(order.shippingNetPrice, '1000.0', 'JSON number keeps its source text');
  t.equal(order.paymentNetPrice, '0');
  t.equal(order.couponGrossPrice, '', 'null becomes ""');
  t.ok(Array.isArray(order.orderProducts.orderProduct));
  t.ok(Array.isArray(order.orderProducts.orderProduct[0].volume.volumeUnit));
  const [status] = splitFixture('status-change-completed.json');
  t.ok(
    Array.isArray(JSON.parse(decoder.decode(status?.payload)).orderProducts.orderProduct),
    'one object → list',
  );
});

t.test('event type inference', async (t) => {
  t.equal(splitFixture('company-order-confirm.json')[0]?.eventType, 'order_confirm', 'confirm-only fields');
  t.equal(splitFixture('company-order-confirm.xml')[0]?.eventType, 'order_confirm');
  t.equal(splitFixture('status-change-completed.json')[0]?.eventType, 'order_status_change');
  const withCard = JSON.stringify({
    orders: { order: [{ innerId: '9', orderCreditCard_transactionId: 'x' }] },
  });
  const [card] = splitBody({ contentType: 'application/json', body: withCard });
  t.equal(card?.eventType, 'order_confirm', 'card payment fields are confirm-only');
  const productOnly = {
    orders: { order: [{ innerId: '9', orderProducts: { orderProduct: { productId: '1' } } }] },
  };
  const [product] = splitBody({
    contentType: 'application/json',
    body: JSON.stringify(productOnly),
  });
  t.equal(product?.eventType, 'order_confirm', 'orderProduct.productId is confirm-only');
});

t.test('the event named on the webhook URL (?event=) wins over inference', async (t) => {
  const body = readFixture('company-order-confirm.json');
  const named = splitBody({ contentType: 'application/json', body, query: { event: 'order_status_change' } });
  t.equal(named[0]?.eventType, 'order_status_change');
  const unknown = splitBody({ contentType: 'application/json', body, query: { event: 'nonsense' } });
  t.equal(unknown[0]?.eventType, 'order_confirm', 'an unknown name falls back to inference');
  t.equal(named[0]?.eventKey, unknown[0]?.eventKey, 'the event name is not part of the key');
});

t.test('a multi-order body gives one event per order, in order', async (t) => {
  const events = splitFixture('multi-order.json');
  t.same(
    events.map((event) => event.eventKey),
    ['order:301:status:2', 'order:302:status:7'],
  );
});

t.test('without orderHistory.status the key falls back to a payload hash', async (t) => {
  const body = (email: string) => JSON.stringify({ orders: { order: [{ innerId: '7', email }] } });
  const split = (email: string) =>
    splitBody({ contentType: 'application/json', body: body(email) })[0]?.eventKey;
  t.match(split('a@example.hu'), /^order:7:payload:[0-9a-f]{16}$/);
  t.equal(split('a@example.hu'), split('a@example.hu'));
  t.not(split('a@example.hu'), split('b@example.hu'));
});

t.test('content types: parameters ignored, text/xml accepted, others refused', async (t) => {
  const json = readFixture('documented-sample.json');
  t.equal(splitBody({ contentType: 'application/json; charset=utf-8', body: json }).length, 1);
  const xml = readFixture('documented-sample.xml');
  t.equal(splitBody({ contentType: 'text/xml', body: `\uFEFF${xml}` }).length, 1);
  t.throws(() => splitBody({ contentType: 'text/plain', body: json }), {
    code: 'UNSUPPORTED_MEDIA_TYPE',
  });
});

t.test('bad bodies name the field at fault', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['application/json', '[]', 'orders'],
    ['application/json', '{"orders":{"order":["x"]}}', 'orders.order[0]'],
    [
      'application/json',
      '{"orders":{"order":[{"innerId":"12"},{"innerId":"abc"}]}}',
      'orders.order[1].innerId',
    ],
    ['application/xml', '<orders><order><email>a@b.hu</email></order></orders>', 'orders.order[0].innerId'],
    ['application/json', `{"orders":{"order":[{"innerId":"${'9'.repeat(21)}"}]}}`, 'orders.order[0].innerId'],
    ['application/xml', '<orders/>', 'orders'],
    ['application/xml', 'not xml at all <', 'body'],
  ];
  for (const [contentType, body, field] of cases) {
    t.throws(() => splitBody({ contentType, body }), { code: 'MALFORMED_BODY', field }, `${body} → ${field}`);
  }
});
