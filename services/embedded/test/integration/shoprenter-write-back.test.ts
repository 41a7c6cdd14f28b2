import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

/**
 * Write-back on real Kafka and Postgres: an order placed in the Shoprenter simulator is booked
 * in Asperion, `orders.booked` reaches Shoprenter's write-back consumer, and the shop's order
 * shows the invoice number in `invoiceId` and the status the connection asks for — once, even
 * though that status change fires a webhook that brings the order through the pipeline again.
 */
let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture();
  const connection = await fx.pipeline.connections.find(fx.connectionId);
  await fx.pipeline.connections.update(fx.connectionId, {
    sourceSettings: {
      ...(connection?.sourceSettings as Record<string, unknown>),
      writeBack: { invoiceNumber: true, orderStatusId: '5' },
    },
  });
});
t.teardown(async () => fx?.close());

/** The order as the shop's REST API shows it (what the merchant's admin shows). */
async function shopOrder(innerId: string) {
  const response = await fx.shoprenter.app.inject({
    url: `/api/orders?innerId=${innerId}&full=1`,
    headers: { authorization: `Bearer ${fx.shoprenter.issueToken()}`, accept: 'application/json' },
  });
  const body = response.json() as {
    items: { invoiceId: string; orderStatus: { href: string } | null }[];
  };
  return body.items[0];
}

t.test(
  'the Asperion invoice number and the configured status are written into the Shoprenter order',
  async (t) => {
    const created = await fx.shoprenter.createOrder(demoOrder({ email: 'write.back@example.nl' }));
    t.equal(created.deliveries[0]?.statusCode, 202, 'ingest accepted the webhook');
    const invoice = await eventually('the invoice', () =>
      fx.invoices().find((i) => i.invoiceNumber === `WEB-${created.innerId}`),
    );
    const order = await eventually('the invoice number in the shop', async () => {
      const current = await shopOrder(created.innerId);
      return current?.invoiceId === invoice.invoiceNumber ? current : undefined;
    });
    t.equal(order.invoiceId, invoice.invoiceNumber, 'invoiceId is the Asperion invoice number');
    // orderStatus 5 = Complete (the simulator's OpenCart defaults), as the settings ask.
    t.match(order.orderStatus?.href, /orderStatuses\/b3JkZXJTdGF0dXMtb3JkZXJfc3RhdHVzX2lkPTU=$/);

    const journey = await eventually('the written_back entry and the status webhook delivered', async () => {
      const entries = await fx.journey(String(created.innerId));
      const second = entries.filter((e) => e.stage === 'already_in_target').length;
      return entries.some((e) => e.stage === 'written_back') && second > 0 ? entries : undefined;
    });
    const writtenBack = journey.filter((e) => e.stage === 'written_back');
    t.equal(writtenBack.length, 1, 'written back once');
    t.same(writtenBack[0]?.detail.fields, ['invoiceId', 'orderStatus'], 'both fields written');
    t.equal(writtenBack[0]?.detail.documentNumber, invoice.invoiceNumber);
    t.equal(
      fx.invoices().filter((i) => i.invoiceNumber === invoice.invoiceNumber).length,
      1,
      "the status change's webhook does not book the order again",
    );
  },
);
