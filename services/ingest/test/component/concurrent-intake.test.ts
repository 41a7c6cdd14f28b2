import t from 'tap';
import { startIngestHarness, shoprenterOrder, webhookBody } from '../support/ingest-harness.js';

const json = { 'content-type': 'application/json' };

for (const database of ['pglite', 'postgres'] as const) {
  t.test(`concurrent webhooks share statements and each is answered for itself (${database})`, async (t) => {
    const harness = await startIngestHarness(t, { database });
    const app = await harness.buildApp();
    const connection = await harness.createConnection();
    const send = (payload: string) =>
      app.inject({ method: 'POST', url: connection.url, headers: json, payload });
    // 20 orders at once, each twice (the repeat inside the same batch), plus one webhook of two orders.
    const bodies = Array.from({ length: 20 }, (_, i) => webhookBody(shoprenterOrder(String(5000 + i))));
    const responses = await Promise.all([
      ...bodies.map(send),
      ...bodies.map(send),
      send(webhookBody(shoprenterOrder('6001'), shoprenterOrder('6002'))),
    ]);
    t.same(
      [...new Set(responses.map((response) => response.statusCode))],
      [202],
      'every request is answered 202',
    );
    const answers = responses.map((response) => response.json());
    const accepted = answers.reduce((sum, answer) => sum + answer.accepted, 0);
    const duplicates = answers.reduce((sum, answer) => sum + answer.duplicates, 0);
    t.equal(accepted, 22, 'each event accepted once');
    t.equal(duplicates, 20, 'each repeat answered as a duplicate');
    t.same(answers.at(-1), { accepted: 2, duplicates: 0, ignored: 0 }, 'a two-order webhook counts its own');

    const records = await harness.rawRecords();
    const keys = records.map((record) => record.key).filter((key) => key.startsWith(connection.id));
    t.equal(keys.length, 22, 'one orders.raw record per event');
    t.equal(new Set(keys).size, 22, 'none twice');
    t.equal(await harness.inbox.count(connection.id), 22, 'one inbox row per event');
    for (const order of ['5000', '5019', '6002']) {
      const stages = (await harness.journey.list(connection.id, order)).map((entry) => entry.stage);
      t.same(stages.sort(), order === '6002' ? ['received'] : ['duplicate_ignored', 'received'], order);
    }
    const summary = await harness.database.db
      .selectFrom('order_summaries')
      .select(['status_stage'])
      .where('connection_id', '=', connection.id)
      .where('external_order_id', '=', '5000')
      .executeTakeFirstOrThrow();
    t.equal(summary.status_stage, 'received', 'the summary keeps the status a duplicate does not change');

    const again = await send(bodies[0] ?? '');
    t.same(again.json(), { accepted: 0, duplicates: 1, ignored: 0 }, 'published rows are marked published');
  });
}
