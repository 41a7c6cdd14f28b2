import { randomBytes } from 'node:crypto';
import { createCredentialCipher, createPostgresDatabase } from '@koppel/db';
import { buildAdminApp } from '@koppel/admin';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type PipelineFixture, startPipelineFixture } from '../support/pipeline-fixture.js';

let fx: PipelineFixture;
t.before(async () => {
  fx = await startPipelineFixture();
});
t.teardown(async () => fx?.close());

t.test(
  'a Shoprenter webhook becomes one Asperion invoice with its debtor, lines, VAT and totals',
  async (t) => {
    const created = await fx.shoprenter.createOrder(demoOrder({ email: 'Anna.deVries@Example.NL' }));
    t.equal(created.deliveries[0]?.statusCode, 202, 'ingest accepted the webhook');
    const invoice = await eventually('the invoice', () =>
      fx.invoices().find((i) => i.invoiceNumber === `WEB-${created.innerId}`),
    );
    // 2 x 12.40 @21 % + 3 x 4.95 @9 % + shipping 4.13 @21 %; VAT rounded half-up per line.
    t.equal(invoice.amountExclVatCents, 2480 + 1485 + 413, 'net total');
    t.equal(invoice.vatAmountCents, 521 + 134 + 87, 'VAT total');
    t.equal(invoice.amountInclVatCents, 4378 + 742, 'gross total');
    t.equal(invoice.lines.length, 3, 'two product lines and a shipping line');
    const debtor = fx.debtors().find((d) => d.customerNumber === invoice.debtorCustomerNumber);
    t.ok(debtor, 'the invoice points at an existing debtor');
    t.equal(debtor?.emailAddress, 'anna.devries@example.nl', 'debtor found by normalised e-mail');
    t.equal(debtor?.name, 'Anna de Vries', 'person debtor named after the customer');
    t.equal(debtor?.countryCode, 'NL');

    const admin = await buildAdminApp({
      database: createPostgresDatabase(fx.databaseUrl, { maxConnections: 2 }),
      cipher: createCredentialCipher(Buffer.from(fx.credentialsKeyHex, 'hex')),
      apiKeys: ['test-admin-key'],
      publicWebhookBaseUrl: fx.ingestUrl,
      registry: createMetricsRegistry('admin-e2e').registry,
      logLevel: 'warn',
    });
    t.teardown(() => admin.close());
    const journey = await eventually('the delivered journey', async () => {
      const response = await admin.inject({
        url: `/admin/v1/connections/${fx.connectionId}/orders/${created.innerId}`,
        headers: { authorization: 'Bearer test-admin-key' },
      });
      const body = response.json() as {
        status: string;
        stages: { stage: string; detail: Record<string, unknown> }[];
      };
      return body.stages?.some((s) => s.stage === 'delivered') ? body : undefined;
    });
    const stages = journey.stages.map((s) => s.stage);
    for (const stage of [
      'received',
      'mapped',
      'customer_resolved',
      'routed',
      'debtor_created',
      'delivered',
    ]) {
      t.ok(stages.includes(stage), `journey shows ${stage}`);
    }
    t.ok(stages.indexOf('received') < stages.indexOf('delivered'), 'stages in order');
    const delivered = journey.stages.find((s) => s.stage === 'delivered');
    t.equal(delivered?.detail.documentNumber, `WEB-${created.innerId}`, 'journey names the target document');
  },
);

t.test('the same webhook delivered three times books one invoice', async (t) => {
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'repeat@example.nl' }));
  const first = fx.shoprenter.deliveries().find((d) => String(d.orderInnerId) === created.innerId);
  t.ok(first, 'the simulator recorded the webhook');
  for (let i = 0; i < 2; i += 1) {
    const again = await fetch(fx.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': first?.contentType ?? 'application/json' },
      body: first?.body ?? '',
    });
    t.equal(again.status, 202, 'a repeat is acknowledged');
    t.same(await again.json(), { accepted: 0, duplicates: 1, ignored: 0 }, 'and recognised as a duplicate');
  }
  await eventually('the invoice', () =>
    fx.invoices().find((i) => i.invoiceNumber === `WEB-${created.innerId}`),
  );
  await new Promise((r) => setTimeout(r, 1500));
  t.equal(fx.invoices().filter((i) => i.invoiceNumber === `WEB-${created.innerId}`).length, 1, 'one invoice');
});

t.test('two orders of a new customer arriving together end as one debtor', async (t) => {
  const email = `twins-${randomBytes(4).toString('hex')}@example.nl`;
  const [a, b] = await Promise.all([
    fx.shoprenter.createOrder(demoOrder({ email })),
    fx.shoprenter.createOrder(demoOrder({ email })),
  ]);
  const numbers = [`WEB-${a.innerId}`, `WEB-${b.innerId}`];
  const invoices = await eventually('both invoices', () => {
    const found = fx.invoices().filter((i) => numbers.includes(i.invoiceNumber));
    return found.length === 2 ? found : undefined;
  });
  t.equal(fx.debtors().filter((d) => d.emailAddress === email).length, 1, 'exactly one debtor');
  t.equal(invoices[0]?.debtorCustomerNumber, invoices[1]?.debtorCustomerNumber, 'both invoices on it');
});

t.test('a company name makes a company debtor with a contact person; none a person debtor', async (t) => {
  const company = await fx.shoprenter.createOrder(
    demoOrder({
      email: 'inkoop@jansen.example',
      company: 'Jansen BV',
      taxNumber: 'NL001234567B01',
      firstname: 'Piet',
      lastname: 'Jansen',
    }),
  );
  const person = await fx.shoprenter.createOrder(
    demoOrder({ email: 'kees@example.nl', firstname: 'Kees', lastname: 'Bakker' }),
  );
  const debtorOf = async (innerId: string) => {
    const invoice = await eventually('invoice', () =>
      fx.invoices().find((i) => i.invoiceNumber === `WEB-${innerId}`),
    );
    return fx.debtors().find((d) => d.customerNumber === invoice.debtorCustomerNumber);
  };
  const companyDebtor = await debtorOf(company.innerId);
  t.equal(companyDebtor?.name, 'Jansen BV', 'company debtor named after the company');
  t.equal(companyDebtor?.attentionTo, 'Piet Jansen', 'with the person as contact');
  t.equal(companyDebtor?.vatNumber, 'NL001234567B01', 'and the VAT number');
  const personDebtor = await debtorOf(person.innerId);
  t.equal(personDebtor?.name, 'Kees Bakker', 'person debtor named after the person');
  t.equal(personDebtor?.attentionTo ?? '', '', 'without a separate contact');
});
