/**
 * Shoprenter → MplusKASSA end to end on real Kafka and Postgres, the Mplus simulator in permissive
 * mode (it accepts a reused extOrderId, so only Koppel keeps a retry from booking twice): person
 * and company customers, an existing relation found by e-mail, a retry after "succeed, then time
 * out" booking one order, and refusals (unmapped SKU, VAT rate without VAT code, wrong
 * credentials) dead-lettered with their reason and no relation.
 */
import { targetConnectors } from '@koppel/connector-registry';
import t from 'tap';
import { demoOrder } from '../support/demo-settings.js';
import { eventually } from '../support/eventually.js';
import { type MplusFixture, startMplusFixture } from '../support/mplus-fixture.js';

let fx: MplusFixture;
t.before(async () => {
  fx = await startMplusFixture();
});
t.teardown(async () => fx?.close());

// demoOrder: 2 × 12.40 @21 % + 3 × 4.95 @9 % + shipping 4.13 @21 %, a payment line of 0.
const SHOP = { net: 2480 + 1485 + 413, vat: 521 + 134 + 87 };

const ordersOf = (innerId: string) =>
  fx.mplus.store.state().orders.filter((o) => o.extOrderId === `WEB-${innerId}`);
const mplusOrder = (innerId: string) => eventually(`Mplus order WEB-${innerId}`, () => ordersOf(innerId)[0]);
const relationsWith = (email: string) =>
  fx.mplus.store.state().relations.filter((r) => r.fields.email === email);

t.test('the registry lists the Mplus connector', async (t) => {
  t.ok(targetConnectors.some((c) => c.system === 'mplus'));
});

t.test('a person customer: a person relation and an order at the shop totals, in cents', async (t) => {
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'Anna.deVries@Example.NL' }));
  t.equal(created.deliveries[0]?.statusCode, 202, 'ingest accepted the webhook');
  const order = await mplusOrder(created.innerId);
  t.equal(order.totalInclAmount, SHOP.net + SHOP.vat, 'gross = the shop gross, to the cent');
  t.equal(order.totalExclAmount, SHOP.net, 'net = the shop net, to the cent');
  t.same(
    order.lines.map((l) => [l.articleNumber, l.quantity, l.lineTotalIncl, l.vatCode]),
    [
      [100236, 2, 3001, 2],
      [100237, 3, 1619, 1],
      [999, 1, 500, 2],
    ],
    'mapped articles, quantities, line amounts incl. VAT and tax codes',
  );
  t.equal(order.employeeNumber, 999999, 'the default employee');
  t.equal(order.deliveryMethod, 'BEZORGEN_MET_AUTO', 'the mapped delivery method');
  const [relation] = relationsWith('anna.devries@example.nl');
  t.equal(order.relationNumber, relation?.relationNumber, 'on the relation found by normalised e-mail');
  t.equal(relation?.fields.name, 'Anna de Vries', 'a person relation');
  t.equal(relation?.fields.companyName, undefined, 'without company');
});

t.test('a company customer: a company relation with the contact person', async (t) => {
  const created = await fx.shoprenter.createOrder(
    demoOrder({ email: 'inkoop@jansen.example', company: 'Jansen BV', taxNumber: 'NL001234567B01' }),
  );
  const order = await mplusOrder(created.innerId);
  const [relation] = relationsWith('inkoop@jansen.example');
  t.equal(order.relationNumber, relation?.relationNumber);
  t.equal(relation?.fields.companyName, 'Jansen BV', 'the company');
  t.equal(relation?.fields.contact, 'Anna de Vries', 'the contact person');
});

t.test('an existing relation is found by e-mail and used, not created again', async (t) => {
  const seeded = await fx.mplus.app.inject({
    method: 'POST',
    url: '/_control/relations',
    payload: { relations: [{ name: 'Kees Bakker', email: 'kees@bakker.example' }] },
  });
  t.equal(seeded.statusCode < 300, true, 'relation seeded');
  const existing = relationsWith('kees@bakker.example')[0];
  const created = await fx.shoprenter.createOrder(
    demoOrder({ email: 'Kees@Bakker.example', firstname: 'Kees', lastname: 'Bakker' }),
  );
  const order = await mplusOrder(created.innerId);
  t.equal(order.relationNumber, existing?.relationNumber, 'the existing relation');
  t.equal(relationsWith('kees@bakker.example').length, 1, 'no second relation');
  const stages = (await fx.journey(created.innerId)).map((s) => s.stage);
  t.ok(stages.includes('debtor_found'), 'the journey says it was found');
});

t.test('succeed, then time out: the retry finds the order and books exactly one', async (t) => {
  fx.holdNextCreateOrder();
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'flaky@example.nl' }));
  const delivered = await eventually('the delivery', async () => {
    const stages = await fx.journey(created.innerId);
    return stages.find((s) => s.stage === 'already_in_target' || s.stage === 'delivered');
  });
  const stages = (await fx.journey(created.innerId)).map((s) => s.stage);
  t.ok(stages.includes('retrying'), 'the timed-out createOrder was retried');
  t.equal(delivered.stage, 'already_in_target', 'the retry found the order with findOrder');
  const count = await fx.mplus.app.inject({
    url: `/_control/documents?kind=order&externalOrderId=WEB-${created.innerId}`,
  });
  t.equal((count.json() as { count: number }).count, 1, 'exactly one order, though Mplus would take two');
  t.equal(ordersOf(created.innerId).length, 1);
});

t.test('an unmapped SKU is refused before any write: dead letter with the SKU, no relation', async (t) => {
  const created = await fx.shoprenter.createOrder(
    demoOrder({
      email: 'unmapped@example.nl',
      lines: [{ sku: 'XYZ-9', name: 'Unknown', netPrice: '10.00', taxRate: '21', quantity: 1 }],
    }),
  );
  const dead = await eventually('the dead-letter journey entry', async () =>
    (await fx.journey(created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.code, 'MPLUS_ARTICLE_NOT_MAPPED');
  t.match(String(dead.detail.reason), /"XYZ-9"/, 'the reason names the SKU');
  t.equal(relationsWith('unmapped@example.nl').length, 0, 'no relation created');
  t.equal(ordersOf(created.innerId).length, 0, 'no order');
});

t.test('a VAT rate without Mplus VAT code is refused before any write, naming it', async (t) => {
  const created = await fx.shoprenter.createOrder(
    demoOrder({
      email: 'fiets@example.nl',
      lines: [{ sku: '100234', name: 'Fiets', netPrice: '100.00', taxRate: '5', quantity: 1 }],
    }),
  );
  const dead = await eventually('the dead-letter journey entry', async () =>
    (await fx.journey(created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.code, 'MPLUS_TAX_CODE_NOT_CONFIGURED');
  t.match(
    String(dead.detail.reason),
    /no Mplus VAT code configured for VAT 5 %/,
    'the reason names the rate',
  );
  t.equal(relationsWith('fiets@example.nl').length, 0, 'no relation created');
  t.equal(ordersOf(created.innerId).length, 0, 'no order');
});

t.test('wrong credentials: dead letter saying what to fix, no relation', async (t) => {
  const wrong = await fx.addConnection({ credentials: { secret: 'not-the-secret' } });
  const created = await fx.shoprenter.createOrder(demoOrder({ email: 'wrong-secret@example.nl' }));
  await mplusOrder(created.innerId); // booked through the working connection first
  const webhook = fx.shoprenter.deliveries().find((d) => String(d.orderInnerId) === created.innerId);
  const replay = await fetch(wrong.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': webhook?.contentType ?? 'application/json' },
    body: webhook?.body ?? '',
  });
  t.equal(replay.status, 202);
  const dead = await eventually('the dead letter', async () =>
    (await fx.journeyOf(wrong.connectionId, created.innerId)).find((s) => s.stage === 'dead_lettered'),
  );
  t.equal(dead.detail.code, 'TARGET_AUTH_FAILED');
  t.match(String(dead.detail.reason), /Mplus refused the ident\/secret/);
  t.equal(relationsWith('wrong-secret@example.nl').length, 1, 'only the working connection made a relation');
  t.equal(ordersOf(created.innerId).length, 1, 'and one order');
});
