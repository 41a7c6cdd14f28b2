/** The connector's steps against the real Mplus simulator (SOAP over HTTP). */
import { buildProductLine } from '@koppel/order-model';
import t from 'tap';
import { mplusConnector as connector } from '../../src/index.js';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

t.test('findOrder before create; a second create finds the order instead of booking it again', async (t) => {
  const { sim, session } = await startHarness(t);
  const order = makeOrder({ orderNumber: '5001' });
  const prepared = connector.prepareDocument(order, session);
  t.equal(prepared.number, 'WEB-5001');
  t.equal(await connector.findDocument(session, prepared, order), null, 'not there before');
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  t.same(await connector.findMissingProducts(session, order), []);
  const created = await connector.createDocument(session, prepared, debtor);
  const found = await connector.findDocument(session, prepared, order);
  t.same(found, created, 'findOrder answers the booked order');
  const again = await connector.createDocument(session, prepared, debtor);
  t.same(again, created, 'EXT-ORDER-ID-ALREADY-EXISTS: the existing order is the answer');
  t.equal(sim.store.state().orders.length, 1, 'exactly one order in Mplus');
  const stored = sim.store.state().orders[0];
  t.equal(stored?.totalInclAmount, Number(order.totals?.gross), "Mplus's gross equals the shop's");
  t.equal(stored?.totalExclAmount, Number(order.totals?.net), "Mplus's net equals the shop's");
  t.equal(stored?.employeeNumber, 999999, 'the default employee');
  t.equal(stored?.deliveryMethod, 'BEZORGEN_MET_AUTO', "the shop's shipping method mapped");
  t.same(
    stored?.lines.map((l) => [l.articleNumber, l.vatCode, l.turnoverGroupCostCenter]),
    [
      [100234, 2, 800],
      [100235, 1, 800],
      [999, 2, 800],
    ],
    'articles (table-mapped BOOK-1), tax codes and turnover groups',
  );
});

t.test('reverse charge: VAT-shifted, the legal text on a text line of price 0', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { textArticleNumber: 995 } });
  const order = makeOrder({
    orderNumber: '5002',
    companyName: 'Müller GmbH',
    vatNumber: 'de 123 456 789',
    country: 'DE',
    email: 'einkauf@mueller.example',
    lines: [
      buildProductLine({ name: 'T-shirt', sku: '100234', quantity: 2, unitPriceNet: 2066n, vatRateBp: 0 }),
    ],
  });
  const prepared = connector.prepareDocument(order, session);
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  await connector.createDocument(session, prepared, debtor);
  const stored = sim.store.state().orders.find((o) => o.extOrderId === 'WEB-5002');
  t.equal(stored?.vatMethod, 'VAT-METHOD-SHIFTED');
  t.same(
    stored?.lines.map((l) => [l.articleNumber, l.text, l.quantity, l.vatCode]),
    [
      [100234, 'T-shirt', 2, 3],
      [995, 'BTW verlegd / VAT reverse-charged DE123456789', 1, 3],
    ],
    'the text line states the legal text and the VAT number',
  );
  t.equal(stored?.totalExclAmount, 4132, 'and adds nothing to the amounts');
});

t.test('relations: a person, a company with its contact, found by e-mail and updated', async (t) => {
  const { sim, session } = await startHarness(t);
  const person = makeOrder({ email: 'Piet@Example.NL' });
  const created = await connector.createDebtor(session, makeCustomer(person), person);
  const found = await connector.findDebtorByEmail(session, 'piet@example.nl');
  t.equal(found?.targetId, created.targetId, 'found by normalised e-mail');
  t.equal(await connector.findDebtorByEmail(session, 'nobody@example.nl'), null);
  const company = makeOrder({
    email: 'inkoop@acme.example',
    companyName: 'Acme BV',
    vatNumber: 'nl 0012.34567B01',
  });
  const acme = await connector.createDebtor(session, makeCustomer(company), company);
  const stored = sim.store.state().relations.find((r) => String(r.relationNumber) === acme.targetId);
  t.equal(stored?.fields.companyName, 'Acme BV');
  t.equal(stored?.fields.contact, 'Piet Jansen', 'the person is the contact');
  t.equal(stored?.fields.vatNumber, 'NL001234567B01');
  t.equal(stored?.fields.address, 'Kerkstraat 12A');
  const moved = makeOrder({ email: 'Piet@Example.NL' });
  if (moved.billingAddress) moved.billingAddress.city = 'Amersfoort';
  await connector.updateDebtor(session, created, makeCustomer(moved), moved);
  const updated = sim.store.state().relations.find((r) => String(r.relationNumber) === created.targetId);
  t.equal(updated?.fields.city, 'Amersfoort', 'the relation is brought up to date');
});

t.test('a non-numeric SKU is looked up as a PLU; an unknown one is reported missing', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { lookupSkuAsPlu: true } });
  const order = makeOrder({
    orderNumber: '5002',
    lines: [
      buildProductLine({ name: 'Mok', sku: 'MUG-01', quantity: 3, unitPriceNet: 826n, vatRateBp: 2100 }),
      buildProductLine({ name: 'Theepot', sku: 'POT-9', quantity: 1, unitPriceNet: 1000n, vatRateBp: 2100 }),
    ],
  });
  t.same(await connector.findMissingProducts(session, order), ['POT-9'], 'the unknown PLU, by its SKU');
  const known = makeOrder({
    orderNumber: '5003',
    lines: [
      buildProductLine({ name: 'Mok', sku: 'MUG-01', quantity: 3, unitPriceNet: 826n, vatRateBp: 2100 }),
    ],
  });
  const prepared = connector.prepareDocument(known, session);
  t.same(await connector.findMissingProducts(session, known), []);
  const debtor = await connector.createDebtor(session, makeCustomer(known), known);
  await connector.createDocument(session, prepared, debtor);
  t.equal(sim.store.state().orders[0]?.lines[0]?.articleNumber, 100236, 'the PLU became its article number');
  t.equal(sim.store.state().orders[0]?.totalInclAmount, Number(known.totals?.gross));
});

t.test('queueBranchOrder per connection, with branch 2 and its workplace', async (t) => {
  const { sim, session } = await startHarness(t, {
    settings: { orderOperation: 'queueBranchOrder', entryBranchNumber: 2, workplaceNumber: 2 },
  });
  const order = makeOrder({ orderNumber: '5004' });
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  await connector.createDocument(session, connector.prepareDocument(order, session), debtor);
  const stored = sim.store.state().orders[0];
  t.equal(stored?.via, 'queueBranchOrder');
  t.equal(stored?.entryBranchNumber, 2);
  t.equal(stored?.workplaceNumber, 2);
});

t.test('invoices per connection: saveInvoice, found by findInvoice before a second create', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { documentType: 'invoice' } });
  const order = makeOrder({ orderNumber: '5005' });
  const prepared = connector.prepareDocument(order, session);
  t.equal(await connector.findDocument(session, prepared, order), null, 'not there before');
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  const created = await connector.createDocument(session, prepared, debtor);
  t.same(await connector.findDocument(session, prepared, order), created, 'findInvoice answers it');
  t.same(await connector.createDocument(session, prepared, debtor), created, 'a second create finds it');
  const invoices = sim.store.state().invoices ?? [];
  t.equal(invoices.length, 1, 'exactly one invoice');
  t.equal(sim.store.state().orders.length, 0, 'and no order');
  t.equal(invoices[0]?.extInvoiceId, 'WEB-5005');
  t.equal(invoices[0]?.totalInclAmount, Number(order.totals?.gross), "the shop's gross");
  t.equal(invoices[0]?.totalExclAmount, Number(order.totals?.net), "the shop's net");
});
