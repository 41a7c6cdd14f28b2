import t from 'tap';
import { shoprenterOrder, startIngestHarness, webhookBody } from '../support/ingest-harness.js';

/**
 * A Shoprenter abandoned cart (status 0, or the `abandoned_cart` event named in the webhook URL)
 * is acknowledged and journaled as ignored, and never reaches orders.raw as an order.
 */
const harness = await startIngestHarness(t);
const app = await harness.buildApp();

t.test('an abandoned cart is answered 202, journaled as ignored and never published', async (t) => {
  const connection = await harness.createConnection();
  const before = (await harness.rawRecords()).length;
  for (const [url, innerId] of [
    [`${connection.url}?event=abandoned_cart`, '2001'],
    [connection.url, '2002'],
  ] as const) {
    const response = await app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: webhookBody(shoprenterOrder(innerId, '0')),
    });
    t.equal(response.statusCode, 202, `${innerId}: acknowledged, so the shop does not retry`);
    t.same(response.json(), { accepted: 0, duplicates: 0, ignored: 1 }, `${innerId}: ignored`);
    const stages = await harness.journey.list(connection.id, innerId);
    t.same(
      stages.map((s) => s.stage),
      ['ignored'],
      `${innerId}: the journey says it was ignored`,
    );
    t.match(String(stages[0]?.detail.reason), /abandoned/i, `${innerId}: and why`);
  }
  t.equal((await harness.rawRecords()).length, before, 'nothing reached orders.raw');
  t.equal(await harness.inbox.count(connection.id), 0, 'nor the inbox');

  const real = await app.inject({
    method: 'POST',
    url: connection.url,
    headers: { 'content-type': 'application/json' },
    payload: webhookBody(shoprenterOrder('2003', '1')),
  });
  t.same(real.json(), { accepted: 1, duplicates: 0, ignored: 0 }, 'a real order still goes through');
});
