/**
 * Shoprenter → InnVoice end to end on real Kafka and Postgres, a Hungarian shop in forints and
 * the InnVoice simulator (which refuses no duplicate in any mode, so only Koppel keeps an order
 * from booking twice): person and company buyers, an existing customer found by e-mail, a lost
 * answer ("succeed, then time out") stopped as DOCUMENT_OUTCOME_UNKNOWN with exactly one
 * document, a lost create InnVoice never booked cleared by an admin replay with
 * `confirmedNotInTarget` (booked once), an unknown SKU noted in the journey, and refusals
 * dead-lettered with no document.
 */
import { buildAdminApp } from '@koppel/admin';
import { createCredentialCipher, createPostgresDatabase } from '@koppel/db';
import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { eventually } from '../support/eventually.js';
import { type InnvoiceFixture, INNVOICE_COMPANY, startInnvoiceFixture } from '../support/innvoice-fixture.js';

let fx: InnvoiceFixture;
t.before(async () => {
  fx = await startInnvoiceFixture();
});
t.teardown(async () => fx?.close());

type HuOrderOptions = {
  email: string;
  company?: string;
  taxNumber?: string;
  firstname?: string;
  lastname?: string;
  lines?: { sku: string; name: string; netPrice: string; taxRate: string; quantity: number }[];
};

/**
 * A Budapest shopper's order as the Shoprenter simulator's control API takes it: gross prices in
 * whole forints (net with 4 decimals, as Shoprenter sends them), 27 % and the 5 % book rate.
 * 2 × 7990 + 4990 + shipping 1500 = 22 470 Ft gross.
 */
function huOrder(options: HuOrderOptions) {
  return {
    customer: {
      firstname: options.firstname ?? 'Anna',
      lastname: options.lastname ?? 'Kovács',
      email: options.email,
      phone: '+36301112222',
    },
    company: options.company ?? '',
    taxNumber: options.taxNumber ?? '',
    billingAddress: { address1: 'Váci utca 12.', city: 'Budapest', postcode: '1052', countryCode: 'HU' },
    lines: options.lines ?? [
      { sku: 'TSHIRT-BLK-M', name: 'Póló fekete M', netPrice: '6291.3386', taxRate: '27', quantity: 2 },
      { sku: 'BOOK-HU-01', name: 'Könyv', netPrice: '4752.381', taxRate: '5', quantity: 1 },
    ],
    shipping: { name: 'Házhozszállítás', extension: 'WSESHIP', netPrice: '1181.1024', taxRate: '27' },
    payment: { name: 'Utánvét', code: 'COD', netPrice: '0', taxRate: '27' },
    currency: 'HUF',
    languageCode: 'hu',
  };
}

const SHOP_GROSS_HUNDREDTHS = 2_247_000;

const documentOf = (email: string) =>
  eventually(`the document of ${email}`, async () => (await fx.documentsOf(email))[0]);
const stageOf = (connectionId: string, innerId: string, stage: string) =>
  eventually(`journey stage ${stage}`, async () =>
    (await fx.journey(connectionId, innerId)).find((s) => s.stage === stage),
  );
const partnersWith = async (email: string) => {
  const response = await fx.innvoice.app.inject({ url: `/_control/companies/${INNVOICE_COMPANY}/partners` });
  const { partners } = response.json() as { partners: { email: string }[] };
  return partners.filter((p) => p.email === email);
};

t.test('a person buyer: a final invoice at the shop total, to the forint', async (t) => {
  const created = await fx.shoprenter.createOrder(huOrder({ email: 'Anna.Kovacs@Example.HU' }));
  t.equal(created.deliveries[0]?.statusCode, 202, 'ingest accepted the webhook');
  const document = await documentOf('anna.kovacs@example.hu');
  t.match(document, { kind: 'invoice', draft: false, number: /^WEB-\d{4}\/\d{5}$/ });
  t.equal(document.gross, SHOP_GROSS_HUNDREDTHS, 'gross = the shop gross, 22 470 Ft');
  t.equal(document.buyer.name, 'Kovács Anna');
  t.equal(document.buyer.taxNumber, '', 'a person: no tax number');
  t.same(
    document.lines.map((l) => l.vatLabel),
    ['27%', '5%', '27%'],
    'Hungarian VAT labels per line',
  );
  const delivered = await stageOf(fx.connectionId, created.innerId, 'delivered');
  t.equal(delivered.detail.documentNumber, document.number);
  t.notOk('notes' in delivered.detail, 'every SKU known: nothing to note');
});

t.test('a company buyer: its name and tax number on the invoice', async (t) => {
  const created = await fx.shoprenter.createOrder(
    huOrder({ email: 'szamla@proba.example', company: 'Próba Kft.', taxNumber: '12345678-2-41' }),
  );
  const document = await documentOf('szamla@proba.example');
  t.equal(document.buyer.name, 'Próba Kft.');
  t.equal(document.buyer.taxNumber, '12345678-2-41');
  await stageOf(fx.connectionId, created.innerId, 'delivered');
});

t.test('an existing customer is found by e-mail: one partner, the debtor found', async (t) => {
  const first = await fx.shoprenter.createOrder(huOrder({ email: 'visszatero@example.hu' }));
  await stageOf(fx.connectionId, first.innerId, 'delivered');
  const second = await fx.shoprenter.createOrder(huOrder({ email: 'Visszatero@Example.hu' }));
  const found = await stageOf(fx.connectionId, second.innerId, 'debtor_found');
  t.equal(found.detail.debtorId, 'visszatero@example.hu', 'the same debtor, by normalised e-mail');
  await stageOf(fx.connectionId, second.innerId, 'delivered');
  t.equal((await fx.documentsOf('visszatero@example.hu')).length, 2, 'two orders, two invoices');
  t.equal((await partnersWith('visszatero@example.hu')).length, 1, 'one partner in InnVoice');
});

t.test('an unknown SKU moves no stock and is noted in the journey', async (t) => {
  const created = await fx.shoprenter.createOrder(
    huOrder({
      email: 'ismeretlen@example.hu',
      lines: [
        { sku: 'TSHIRT-BLK-M', name: 'Póló fekete M', netPrice: '6291.3386', taxRate: '27', quantity: 1 },
        { sku: 'NO-SUCH-SKU', name: 'Bögre', netPrice: '2354.3307', taxRate: '27', quantity: 1 },
      ],
    }),
  );
  const delivered = await stageOf(fx.connectionId, created.innerId, 'delivered');
  t.match(delivered.detail.notes, [/no stock moved for SKU NO-SUCH-SKU/]);
  t.equal((await fx.documentsOf('ismeretlen@example.hu')).length, 1, 'the order is booked all the same');
});

t.test('succeed, then time out: DOCUMENT_OUTCOME_UNKNOWN and exactly one document', async (t) => {
  const before = await fx.countDocuments();
  const planned = await fx.innvoice.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: {
      rules: [
        {
          kind: 'succeed-then-timeout',
          method: 'POST',
          path: `/${INNVOICE_COMPANY}/invoice`,
          count: 1,
          holdMs: 10_000,
        },
      ],
    },
  });
  t.ok(planned.statusCode < 300, planned.body);
  const created = await fx.shoprenter.createOrder(huOrder({ email: 'elveszett@example.hu' }));
  const dead = await stageOf(fx.connectionId, created.innerId, 'dead_lettered');
  t.equal(dead.detail.code, 'DOCUMENT_OUTCOME_UNKNOWN');
  t.match(String(dead.detail.reason), /InnVoice may already have booked document/);
  t.match(String(dead.detail.reason), /Look in InnVoice/, 'says what to check');
  t.match(dead.detail.details, { requestedAt: /^\d{4}-\d\d-\d\dT/ }, 'and when the call went out');
  t.equal((await fx.documentsOf('elveszett@example.hu')).length, 1, 'exactly one document in InnVoice');
  t.equal(await fx.countDocuments(), before + 1, 'and no other');
  const stages = (await fx.journey(fx.connectionId, created.innerId)).map((s) => s.stage);
  t.notOk(stages.includes('delivered'), 'not marked delivered');
});

t.test('a lost create InnVoice never booked: a confirmed admin replay books it once', async (t) => {
  const KEY = 'innvoice-e2e-admin-key-0123456789abcdef';
  const database = createPostgresDatabase(fx.databaseUrl, { maxConnections: 3 });
  const admin = await buildAdminApp({
    database,
    cipher: createCredentialCipher(Buffer.from(fx.credentialsKeyHex, 'hex')),
    // The pipeline's own bus: the replay goes onto the run's topics.
    bus: fx.bus,
    apiKeys: [KEY],
    publicWebhookBaseUrl: fx.ingestUrl,
    registry: createMetricsRegistry('admin-innvoice-e2e').registry,
    logLevel: 'warn',
  });
  t.teardown(async () => {
    await admin.close();
    await database.close();
  });
  const api = (method: 'GET' | 'POST', path: string, payload?: object) =>
    admin.inject({
      method,
      url: `/admin/v1/connections/${fx.connectionId}${path}`,
      headers: { authorization: `Bearer ${KEY}` },
      ...(payload ? { payload } : {}),
    });
  // The connection drops before InnVoice reads the call: the answer is lost, nothing is booked.
  const planned = await fx.innvoice.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { rules: [{ kind: 'drop', method: 'POST', path: `/${INNVOICE_COMPANY}/invoice`, count: 1 }] },
  });
  t.ok(planned.statusCode < 300, planned.body);
  const email = 'megerositve@example.hu';
  const created = await fx.shoprenter.createOrder(huOrder({ email }));
  const dead = await stageOf(fx.connectionId, created.innerId, 'dead_lettered');
  t.equal(dead.detail.code, 'DOCUMENT_OUTCOME_UNKNOWN');
  t.equal((await fx.documentsOf(email)).length, 0, 'InnVoice holds no document: a person confirms that');

  const letters = (await api('GET', '/dead-letters')).json() as {
    items: { id: string; externalOrderId: string; code: string }[];
  };
  const letter = letters.items.find((l) => l.externalOrderId === created.innerId);
  t.equal(letter?.code, 'DOCUMENT_OUTCOME_UNKNOWN', 'listed by the admin API');
  const refused = await api('POST', `/dead-letters/${letter?.id}/replay`, {});
  t.equal(refused.statusCode, 409, 'a replay without the confirmation is refused');
  t.match(refused.json(), { code: 'REPLAY_NEEDS_CONFIRMATION', field: 'body.confirmedNotInTarget' });
  const replayed = await api('POST', `/dead-letters/${letter?.id}/replay`, { confirmedNotInTarget: true });
  t.equal(replayed.statusCode, 200, replayed.body);
  t.match(replayed.json(), { clearedDocumentRequest: true });

  const delivered = await eventually('the replayed order delivered', async () =>
    (await fx.journey(fx.connectionId, created.innerId)).find(
      (s, index, all) => s.stage === 'delivered' && all.findIndex((e) => e.stage === 'replayed') < index,
    ),
  );
  t.ok(delivered, 'delivered after the replay');
  const documents = await fx.documentsOf(email);
  t.equal(documents.length, 1, 'exactly one document');
  t.equal(documents[0]?.gross, SHOP_GROSS_HUNDREDTHS, 'at the shop total');
  const open = (await api('GET', '/dead-letters?state=open')).json() as { items: { id: string }[] };
  t.notOk(
    open.items.some((l) => l.id === letter?.id),
    'its dead letter is no longer open',
  );
});

t.test('an unsupported VAT rate: dead letter naming it, no document', async (t) => {
  const created = await fx.shoprenter.createOrder(
    huOrder({
      email: 'afa10@example.hu',
      lines: [{ sku: 'TSHIRT-BLK-M', name: 'Póló', netPrice: '1000', taxRate: '10', quantity: 1 }],
    }),
  );
  const dead = await stageOf(fx.connectionId, created.innerId, 'dead_lettered');
  t.equal(dead.detail.code, 'VAT_RATE_NOT_SUPPORTED');
  t.match(String(dead.detail.reason), /10/);
  t.equal((await fx.documentsOf('afa10@example.hu')).length, 0, 'no document');
});

t.test(
  'an OSS sale (a consumer in Germany at 19 %): refused naming rate, country and what to do',
  async (t) => {
    const order = huOrder({
      email: 'oss-de@example.de',
      lines: [{ sku: 'TSHIRT-BLK-M', name: 'T-Shirt', netPrice: '5000', taxRate: '19', quantity: 2 }],
    });
    const created = await fx.shoprenter.createOrder({
      ...order,
      billingAddress: { address1: 'Hauptstraße 5', city: 'Berlin', postcode: '10115', countryCode: 'DE' },
      shipping: { ...order.shipping, taxRate: '19' },
      payment: { ...order.payment, taxRate: '19' },
    });
    const dead = await stageOf(fx.connectionId, created.innerId, 'dead_lettered');
    t.equal(dead.detail.code, 'VAT_RATE_NOT_SUPPORTED');
    t.match(String(dead.detail.reason), /at 19 % for a buyer in DE.*\(OSS\)/, 'the rate and the country');
    t.match(String(dead.detail.reason), /Issue its invoice by hand/, 'what to do');
    t.equal((await fx.documentsOf('oss-de@example.de')).length, 0, 'no document');
  },
);

t.test('wrong credentials: dead letter saying what to fix, no document', async (t) => {
  const wrong = await fx.addConnection({ credentials: { password: 'not-the-password' } });
  const created = await fx.shoprenter.createOrder(huOrder({ email: 'rossz-jelszo@example.hu' }));
  await documentOf('rossz-jelszo@example.hu'); // booked through the working connection first
  const webhook = fx.shoprenter.deliveries().find((d) => String(d.orderInnerId) === created.innerId);
  const replay = await fetch(wrong.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': webhook?.contentType ?? 'application/json' },
    body: webhook?.body ?? '',
  });
  t.equal(replay.status, 202);
  const dead = await stageOf(wrong.connectionId, created.innerId, 'dead_lettered');
  t.equal(dead.detail.code, 'TARGET_AUTH_FAILED');
  t.match(String(dead.detail.reason), /API user and password/);
  t.equal((await fx.documentsOf('rossz-jelszo@example.hu')).length, 1, 'only the working connection booked');
});
