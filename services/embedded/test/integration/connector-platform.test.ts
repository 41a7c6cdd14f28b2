import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

/**
 * The connector platform end to end on real Kafka and Postgres: the target refuses what it can
 * never take before any side effect, and the Shoprenter reconciliation poll catches an order
 * whose webhook was lost. The Asperion simulator runs permissive (it would accept a second
 * invoice with the same number), so "booked once" is Koppel's doing, counted in the simulator.
 */
let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture({ polling: true, permissiveTarget: true });
});
t.teardown(async () => fx?.close());

const invoicesOf = (innerId: string) => fx.invoices().filter((i) => i.invoiceNumber === `WEB-${innerId}`);

t.test('a HUF order to a euro-only target is dead-lettered with the reason and no debtor', async (t) => {
  const email = 'forint@example.hu';
  const created = await fx.shoprenter.createOrder({ ...demoOrder({ email }), currency: 'HUF' });
  const dead = await eventually('the dead-letter journey entry', async () =>
    (await fx.journey(created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.stage, 'delivery.asperion');
  t.equal(dead.detail.field, 'order.currency', 'naming the field');
  t.match(String(dead.detail.reason), /HUF/, 'and the currency');
  t.equal(fx.debtors().filter((d) => d.emailAddress === email).length, 0, 'no debtor was created');
  const debtorWrites = fx.asperion.kit.inspection
    .list({ pathPrefix: '/v1/debtors' })
    .filter((call) => call.method !== 'GET');
  t.equal(debtorWrites.length, 0, 'no debtor write reached Asperion');
  t.equal(invoicesOf(created.innerId).length, 0, 'no invoice');
});

t.test(
  'an order whose webhook is lost is picked up by the reconciliation poll and booked once',
  async (t) => {
    await fx.dropNextWebhooks(1);
    const created = await fx.shoprenter.createOrder(demoOrder({ email: 'lost-webhook@example.nl' }));
    t.notOk(
      created.deliveries.some((d) => d.statusCode === 202),
      'the simulator dropped the webhook: ingest never saw it',
    );
    await eventually('the invoice', () => invoicesOf(created.innerId)[0], 30_000);
    const received = (await fx.journey(created.innerId)).filter((s) => s.stage === 'received');
    t.equal(received.length, 1, 'received once');
    t.equal(received[0]?.detail.channel, 'poll', 'through the poll');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    t.equal(invoicesOf(created.innerId).length, 1, 'exactly one invoice in the (permissive) target');
  },
);

t.test('the same order by webhook and by poll is booked once', async (t) => {
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'both-ways@example.nl' }));
  t.equal(created.deliveries[0]?.statusCode, 202, 'the webhook arrived');
  await eventually('the invoice', () => invoicesOf(created.innerId)[0]);
  // Wait until the poll has seen the order too (its cursor passes the order), then count.
  await eventually(
    'the poll passing the order',
    async () => (await fx.journey(created.innerId)).find((s) => s.stage === 'duplicate_ignored'),
    30_000,
  );
  t.equal(invoicesOf(created.innerId).length, 1, 'exactly one invoice in the (permissive) target');
  const received = (await fx.journey(created.innerId)).filter((s) => s.stage === 'received');
  t.equal(received.length, 1, 'the inbox admitted it once');
});
