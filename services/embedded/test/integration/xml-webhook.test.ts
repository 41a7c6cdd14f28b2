import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture({ webhookType: 'xml' });
});
t.teardown(async () => fx?.close());

t.test(
  'an XML order_confirm webhook is booked like a JSON one, and the journey shows what came',
  async (t) => {
    const created = await fx.shoprenter.createOrder(
      demoOrder({ email: 'xml.buyer@example.nl', company: 'XML Handel B.V.', taxNumber: 'NL123456789B01' }),
    );
    const number = `WEB-${created.innerId}`;
    const invoice = await eventually('the invoice', () =>
      fx.invoices().find((i) => i.invoiceNumber === number),
    );
    t.equal(invoice.lines.length, 3, 'two product lines and a shipping line');
    const debtor = fx.debtors().find((d) => d.emailAddress === 'xml.buyer@example.nl');
    t.equal(debtor?.name, 'XML Handel B.V.', 'company debtor from the XML billing company');
    const deliveries = fx.shoprenter.deliveries();
    t.ok(
      deliveries.some((d) => d.contentType.includes('xml') && d.statusCode === 202),
      'the simulator really sent XML and ingest accepted it',
    );
    const received = (await fx.journey(created.innerId)).find((s) => s.stage === 'received');
    t.equal(received?.detail.contentType, 'application/xml', 'the journey says the order came as XML');
    t.match(received?.detail.sourcePayload, { paymentCompany: 'XML Handel B.V.', innerId: created.innerId });
  },
);
