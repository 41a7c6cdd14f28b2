/**
 * Shoprenter → AccountView end to end on real Kafka and Postgres, the AccountView simulator in
 * permissive mode (it refuses no duplicate sales order, so only Koppel keeps a retry from booking
 * twice): person and company customers, an existing customer found by e-mail, a retry after
 * "succeed, then time out" booking one sales order, and refusals dead-lettered with their reason
 * (a VAT rate without code and wrong credentials: no debtor; an SKU without article: no sales order).
 */
import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type AccountviewFixture, startAccountviewFixture } from '../support/accountview-fixture.js';

let fx: AccountviewFixture;
t.before(async () => {
  fx = await startAccountviewFixture();
});
t.teardown(async () => fx?.close());

// demoOrder: 2 × 12.40 @21 % + 3 × 4.95 @9 % + shipping 4.13 @21 %, a payment line of 0.
const SHOP_NET = '43.78';

const salesOrdersOf = (innerId: string) =>
  fx.tables().SO_HDR?.filter((h) => h.COMMENT1 === `WEB-${innerId}`) ?? [];
const salesOrder = (innerId: string) =>
  eventually(`sales order WEB-${innerId}`, () => salesOrdersOf(innerId)[0]);
const debtorsWith = (email: string) => fx.tables().CONTACT?.filter((c) => c.MAIL_BUS === email) ?? [];
const countDocuments = async (number: string) => {
  const response = await fx.accountview.app.inject({
    url: `/_control/documents?kind=sales-order&externalOrderId=${encodeURIComponent(number)}`,
  });
  return (response.json() as { count: number }).count;
};

t.test('a person customer: a person debtor and a sales order at the shop totals', async (t) => {
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'Anna.deVries@Example.NL' }));
  t.equal(created.deliveries[0]?.statusCode, 202, 'ingest accepted the webhook');
  const header = await salesOrder(created.innerId);
  t.equal(header.ORD_AMT, SHOP_NET, 'order amount = the shop net, to the cent');
  const lines = fx.tables().SO_LINE?.filter((l) => l.ORD_NR === header.ORD_NR) ?? [];
  t.same(
    lines.map((l) => [l.ART_CODE, l.ORD_QTY, l.ART_PX, l.VAT_CODE]),
    [
      ['MUG-01', '2', '12.4', '2'],
      ['TEA-01', '3', '4.95', '1'],
      ['SHIP', '1', '4.13', '2'],
    ],
    'articles, quantities, unit prices and VAT codes',
  );
  const [debtor] = debtorsWith('anna.devries@example.nl');
  t.equal(header.RPL_INV, debtor?.SUB_NR, 'on the debtor found by normalised e-mail');
  t.equal(debtor?.ACCT_NAME, 'Anna de Vries', 'a person debtor');
  t.equal(debtor?.MAIN_CONT ?? null, null, 'without contact person');
});

t.test('a company customer: a company debtor with the contact person', async (t) => {
  const created = await fx.shoprenter.createOrder(
    demoOrder({
      email: 'inkoop@jansen.example',
      company: 'Jansen BV',
      taxNumber: 'NL001234567B01',
      firstname: 'Piet',
      lastname: 'Jansen',
    }),
  );
  const header = await salesOrder(created.innerId);
  const debtor = fx.tables().CONTACT?.find((c) => c.SUB_NR === header.RPL_INV);
  t.equal(debtor?.ACCT_NAME, 'Jansen BV');
  t.equal(debtor?.MAIN_CONT, 'Piet Jansen', 'contact person');
  t.equal(debtor?.VAT_NR, 'NL001234567B01');
});

t.test('an existing customer is found by e-mail: no new debtor', async (t) => {
  const seeded = await fx.accountview.app.inject({
    method: 'POST',
    url: '/_control/companies/default/debtors',
    payload: { rows: [{ SUB_NR: '50000', ACCT_NAME: 'Kees Bakker', MAIL_BUS: 'kees@bakker.example' }] },
  });
  t.ok(seeded.statusCode < 300, seeded.body);
  const created = await fx.shoprenter.createOrder(
    demoOrder({ email: 'Kees@Bakker.example', firstname: 'Kees', lastname: 'Bakker' }),
  );
  const header = await salesOrder(created.innerId);
  t.equal(header.RPL_INV, '50000', 'booked on the existing debtor');
  t.equal(debtorsWith('kees@bakker.example').length, 1, 'no second debtor');
  const stages = (await fx.journey(fx.connectionId, created.innerId)).map((s) => s.stage);
  t.ok(stages.includes('debtor_found'), 'the journey says the debtor was found');
});

t.test('succeed, then time out: the retry finds the sales order, exactly one is booked', async (t) => {
  await fx.accountview.app.inject({
    method: 'POST',
    url: '/_control/companies/default/debtors',
    payload: { rows: [{ SUB_NR: '50001', ACCT_NAME: 'Flaky', MAIL_BUS: 'flaky@example.nl' }] },
  });
  // The debtor exists, so the first POST is the sales order: AccountView stores it, the answer never comes.
  const planned = await fx.accountview.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: {
      rules: [
        {
          kind: 'succeed-then-timeout',
          method: 'POST',
          path: '/api/v3/accountviewdata',
          count: 1,
          holdMs: 10_000,
        },
      ],
    },
  });
  t.ok(planned.statusCode < 300, planned.body);
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'flaky@example.nl' }));
  const number = `WEB-${created.innerId}`;
  const outcome = await eventually('the order settled', async () =>
    (await fx.journey(fx.connectionId, created.innerId)).find(
      (s) => s.stage === 'already_in_target' || s.stage === 'delivered',
    ),
  );
  const stages = (await fx.journey(fx.connectionId, created.innerId)).map((s) => s.stage);
  t.ok(stages.includes('retrying'), 'the timeout was retried');
  t.equal(outcome.stage, 'already_in_target', 'the retry found the order by its number');
  t.equal(await countDocuments(number), 1, 'exactly one sales order in AccountView');
  t.equal(salesOrdersOf(created.innerId).length, 1);
});

t.test('a VAT rate without AccountView VAT code: dead letter naming it, no debtor', async (t) => {
  const created = await fx.shoprenter.createOrder(
    demoOrder({
      email: 'fiets@example.nl',
      lines: [{ sku: 'MUG-01', name: 'Fiets', netPrice: '100.00', taxRate: '5', quantity: 1 }],
    }),
  );
  const dead = await eventually('the dead letter', async () =>
    (await fx.journey(fx.connectionId, created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.code, 'VAT_CODE_NOT_MAPPED');
  t.match(String(dead.detail.reason), /no AccountView VAT code is set for VAT 5 %/);
  t.equal(debtorsWith('fiets@example.nl').length, 0, 'no debtor');
  t.equal(salesOrdersOf(created.innerId).length, 0, 'no sales order');
});

t.test('an SKU AccountView has no article for (AK1): dead letter naming it, no sales order', async (t) => {
  const created = await fx.shoprenter.createOrder(
    demoOrder({
      email: 'onbekend-artikel@example.nl',
      lines: [{ sku: 'NOT-IN-AK1', name: 'Onbekend', netPrice: '10.00', taxRate: '21', quantity: 1 }],
    }),
  );
  const dead = await eventually('the dead letter', async () =>
    (await fx.journey(fx.connectionId, created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.code, 'PRODUCTS_MISSING');
  t.match(String(dead.detail.reason), /NOT-IN-AK1/, 'the reason names the SKU');
  t.equal(salesOrdersOf(created.innerId).length, 0, 'no sales order');
});

t.test('wrong credentials: dead letter saying what to fix, no debtor', async (t) => {
  const wrong = await fx.addConnection({ credentials: { clientSecret: 'not-the-secret' } });
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'wrong-secret@example.nl' }));
  await salesOrder(created.innerId); // booked through the working connection first
  const webhook = fx.shoprenter.deliveries().find((d) => String(d.orderInnerId) === created.innerId);
  const replay = await fetch(wrong.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': webhook?.contentType ?? 'application/json' },
    body: webhook?.body ?? '',
  });
  t.equal(replay.status, 202);
  const dead = await eventually('the dead letter', async () =>
    (await fx.journey(wrong.connectionId, created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.code, 'TARGET_AUTH_FAILED');
  t.match(String(dead.detail.reason), /API key and API secret/);
  t.equal(debtorsWith('wrong-secret@example.nl').length, 1, 'only the working connection made a debtor');
  t.equal(salesOrdersOf(created.innerId).length, 1, 'and one sales order');
});
