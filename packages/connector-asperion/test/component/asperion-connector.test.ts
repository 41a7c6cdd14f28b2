import t from 'tap';
import { makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

t.test('token refresh rotates the refresh token and persists it through the callback', async (t) => {
  const { connector, session, rotated, sim, initialRefreshToken: original } = await startHarness(t);
  t.equal(await connector.findDebtorByEmail(session, 'nobody@example.com'), null);
  t.equal(rotated.length, 1, 'one refresh for the first call');
  t.not(rotated[0], original, 'a new refresh token');
  sim.tokens.expireAccessTokens();
  const order = makeOrder();
  t.equal(await connector.findDocument(session, connector.prepareDocument(order, session), order), null);
  t.equal(rotated.length, 2, 'the expired access token was refreshed with the rotated token');
  t.not(rotated[1], rotated[0]);
});

t.test('401 leads to one refresh and a successful retry', async (t) => {
  const { connector, session, rotated, sim } = await startHarness(t);
  await connector.findDebtorByEmail(session, 'x@example.com');
  // The simulator's clock still considers the cached token valid for the client, so only the
  // server side expires it: the client learns of it from the 401.
  sim.tokens.expireAccessTokens();
  const order = makeOrder();
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  t.ok(debtor.targetId);
  t.equal(rotated.length, 2, 'exactly one extra refresh');
  const posts = sim.kit.inspection.list({ method: 'POST', pathPrefix: '/v1/debtors' });
  t.same(
    posts.map((call) => call.status),
    [401, 201],
    'rejected once, then accepted with the new token',
  );
  t.equal(posts[1]?.headers['x-tenant-id'], '12345');
});

t.test('create a debtor, then find it by e-mail; update changes the address', async (t) => {
  const { connector, session, sim } = await startHarness(t);
  const seeded = await connector.findDebtorByEmail(session, 'Inkoop@Jansen.example');
  t.match(seeded, { email: 'inkoop@jansen.example' }, 'a debtor of the seed is found');
  const order = makeOrder({ companyName: 'Jansen BV' });
  const created = await connector.createDebtor(session, makeCustomer(order), order);
  t.match(created, { name: 'Jansen BV', email: 'piet@jansen-test.example' });
  t.match(created.targetId, /^\d+$/);
  const found = await connector.findDebtorByEmail(session, ' PIET@jansen-test.example ');
  t.same(found, created);
  t.equal(await connector.findDebtorByEmail(session, 'iet@jansen-test.example'), null, 'no partial matches');
  const stored = sim.state().administrations[0]?.debtors.find((d) => d.customerNumber === created.targetId);
  t.match(stored, {
    attentionTo: 'Piet Jansen',
    address: 'Kerkstraat 12 A',
    postCode: '1234 AB',
    vatNumber: 'NL001234567B01',
  });
  const moved = makeOrder({ companyName: 'Jansen BV' });
  if (moved.billingAddress) moved.billingAddress.city = 'Amersfoort';
  await connector.updateDebtor(session, created, makeCustomer(moved), moved);
  const after = sim.state().administrations[0]?.debtors.find((d) => d.customerNumber === created.targetId);
  t.equal(after?.city, 'Amersfoort');
});

t.test('create an invoice, then findDocument finds it; a repeat is recognised', async (t) => {
  const { connector, session, sim } = await startHarness(t);
  const order = makeOrder();
  const debtor = await connector.createDebtor(session, makeCustomer(order), order);
  const prepared = connector.prepareDocument(order, session);
  t.equal(prepared.number, 'WEB-10023');
  t.equal(await connector.findDocument(session, prepared, order), null);
  const document = await connector.createDocument(session, prepared, debtor);
  t.equal(document.number, 'WEB-10023');
  t.same(await connector.findDocument(session, prepared, order), document);
  const other = makeOrder({ orderNumber: '1002' });
  t.equal(
    await connector.findDocument(session, connector.prepareDocument(other, session), other),
    null,
    'no partial matches',
  );
  const invoice = sim.state().administrations[0]?.salesInvoices.find((i) => i.invoiceNumber === 'WEB-10023');
  t.match(invoice, {
    debtorCustomerNumber: debtor.targetId,
    date: '2025-03-01',
    bookyear: 2025,
    bookperiod: 3,
    journalId: 'VK',
    amountExclVatCents: 6380,
    vatAmountCents: 1120,
    amountInclVatCents: 7500,
  });
  t.same(
    await connector.createDocument(session, prepared, debtor),
    document,
    'duplicate number: the existing invoice',
  );
});

t.test('findMissingProducts checks SKUs against articles when enabled', async (t) => {
  const { connector, session } = await startHarness(t, { settings: { checkProducts: true } });
  const order = makeOrder();
  const line = order.lines[0];
  if (line) line.sku = 'TSHIRT-BLK-M';
  t.same(await connector.findMissingProducts(session, order), ['BOOK-1']);
  const off = await startHarness(t);
  t.same(await off.connector.findMissingProducts(off.session, order), [], 'disabled: nothing is checked');
});
