import t from 'tap';
import { orderEventKey, restOrderToEvent } from '../src/index.js';
import { restOrderProductSchema, restOrderSchema, restOrderTotalSchema } from '../src/rest-schemas.js';
import { readFixture, split } from './fixture-files.js';

/** The documented sample order (innerId 205, status 1) as the REST API would answer it. */
function restBundle(statusId: string, statusText: string) {
  return {
    order: restOrderSchema.parse({
      id: 'b3JkZXItb3JkZXJfaWQ9MjA1',
      innerId: '205',
      email: 'anna@example.hu',
      dateCreated: '2025-03-01T10:15:00',
      dateUpdated: '2025-03-02T09:00:00',
      orderStatus: { href: 'http://shop.test/api/orderStatuses/abc' },
    }),
    lines: [
      restOrderProductSchema.parse({
        innerId: '1',
        name: 'Mug',
        sku: 'MUG-01',
        price: '4500',
        taxRate: '27',
        stock1: '2',
      }),
    ],
    totals: [restOrderTotalSchema.parse({ type: 'TOTAL', value: '12700', valueText: '12.700 Huf' })],
    status: { id: statusId, text: statusText },
  };
}

t.test('the key is the order and its status id', async (t) => {
  t.equal(orderEventKey('205', '1'), 'order:205:status:1');
});

t.test('a webhook and a poll of the same order state give the same key', async (t) => {
  const [fromWebhook] = split({
    contentType: 'application/json',
    body: readFixture('documented-sample.json'),
  });
  const fromPoll = restOrderToEvent(restBundle('1', 'Pending'), 'demo');
  t.equal(fromWebhook?.eventKey, 'order:205:status:1');
  t.equal(fromPoll.eventKey, fromWebhook?.eventKey, 'the inbox dedupes them');
  t.equal(fromPoll.externalOrderId, fromWebhook?.externalOrderId);
});

t.test('the same key whatever the event name, the format or the history date', async (t) => {
  const body = readFixture('documented-sample.json');
  const named = split({ contentType: 'application/json', body, query: { event: 'order_status_change' } });
  const xml = split({ contentType: 'application/xml', body: readFixture('documented-sample.xml') });
  const moved = split({
    contentType: 'application/json',
    body: body.replace(/"dateAdded":\s*"[^"]*"/, '"dateAdded": "2025-03-05 08:00:00"'),
  });
  t.not(
    moved[0]?.payload.toString(),
    split({ contentType: 'application/json', body })[0]?.payload.toString(),
  );
  t.same(
    [named, xml, moved].map((events) => events[0]?.eventKey),
    ['order:205:status:1', 'order:205:status:1', 'order:205:status:1'],
  );
});

t.test('another status is another key; a return to a status is the same key (accepted)', async (t) => {
  const pending = restOrderToEvent(restBundle('1', 'Pending'), 'demo').eventKey;
  const shipped = restOrderToEvent(restBundle('3', 'Shipped'), 'demo').eventKey;
  const pendingAgain = restOrderToEvent(restBundle('1', 'Pending'), 'demo').eventKey;
  t.not(shipped, pending);
  t.equal(pendingAgain, pending, 'back to Pending is not admitted again (README "Event keys")');
});
