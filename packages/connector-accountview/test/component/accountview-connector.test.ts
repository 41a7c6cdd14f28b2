/**
 * The connector against the AccountView simulator: a sales order (SO1) and a journal page (DJ2)
 * with their debtors, a default debtor, the look-up that keeps a retry from booking twice, and
 * the rotating refresh token shared by two sessions of one connection.
 */
import type { TargetDebtor } from '@koppel/connector-sdk';
import type { CanonicalOrder } from '@koppel/contracts';
import t from 'tap';
import { accountviewConnector as av, type AccountviewSession } from '../../src/index.js';
import { buildProductLine, buildShippingLine, makeCustomer, makeOrder } from '../fixtures/order-fixtures.js';
import {
  createCredentialStore,
  mintRefreshToken,
  openTestSession,
  startSimulator,
} from '../fixtures/simulator-harness.js';

const sim = await startSimulator();
t.teardown(() => sim.close());

async function book(session: AccountviewSession, order: CanonicalOrder) {
  const customer = makeCustomer(order);
  const prepared = av.prepareDocument(order, session);
  const found = await av.findDebtorByEmail(session, customer.normalizedEmail);
  const debtor: TargetDebtor = found
    ? await av.updateDebtor(session, found, customer, order)
    : await av.createDebtor(session, customer, order);
  const missing = await av.findMissingProducts(session, order);
  const document = await av.createDocument(session, prepared, debtor);
  return { prepared, debtor, document, missing, found };
}

const state = () => {
  const company = sim.sim.store.state().companies[0];
  if (!company) throw new Error('no company');
  return company.tables;
};

t.test('SO1: a company debtor with contact person and a sales order at the shop totals', async (t) => {
  const session = openTestSession(sim);
  const order = makeOrder({ orderNumber: 'SO-1', companyName: 'Jansen BV', email: 'Inkoop@Jansen.example' });
  const { document, debtor, missing } = await book(session, order);
  t.same(missing, [], 'the articles exist');
  const contact = state().CONTACT.find((c) => c.SUB_NR === debtor.targetId);
  t.match(contact, {
    ACCT_NAME: 'Jansen BV',
    MAIN_CONT: 'Piet Jansen',
    MAIL_BUS: 'inkoop@jansen.example',
    POST_CODE: '1234 AB',
    VAT_NR: 'NL001234567B01',
  });
  const header = state().SO_HDR.find((h) => h.ORD_NR === document.number);
  t.equal(header?.COMMENT1, 'WEB-SO-1', 'found again by the order number');
  t.equal(header?.RPL_INV, debtor.targetId);
  t.equal(header?.ORD_AMT, String(Number(order.totals?.net) / 100), 'order amount = the shop net');
  t.equal(header?.DISC_CODE, '14D', 'payment terms mapped from the payment method');
  const again = await av.findDocument(session, av.prepareDocument(order, session), order);
  t.equal(again?.number, document.number, 'the look-up before a retry finds it');
});

t.test('DJ2: a person debtor, found again by e-mail and updated, and a journal page', async (t) => {
  const session = openTestSession(sim, { documentType: 'journal-page' });
  const first = await book(session, makeOrder({ orderNumber: 'DJ-1', email: 'kees@example.nl' }));
  const contact = state().CONTACT.find((c) => c.SUB_NR === first.debtor.targetId);
  t.equal(contact?.ACCT_NAME, 'Piet Jansen', 'person debtor');
  t.equal(contact?.MAIN_CONT ?? null, null, 'without contact person');
  const second = await book(
    session,
    makeOrder({ orderNumber: 'DJ-2', email: 'Kees@Example.nl', country: 'BE' }),
  );
  t.ok(second.found, 'the existing debtor is found by e-mail');
  t.equal(second.debtor.targetId, first.debtor.targetId, 'and used');
  t.equal(state().CONTACT.find((c) => c.SUB_NR === first.debtor.targetId)?.CNT_CODE, 'BE', 'and updated');
  const page = state().DJ_PAGE.find((p) => p.INV_NR === 'WEB-DJ-2');
  const order = makeOrder();
  t.equal(page?.INV_AMT, String(Number(order.totals?.gross) / 100), 'invoice amount = the shop gross');
  t.equal(page?.CRED_DAYS, '14');
  const lines = state().DJ_LINE.filter((l) => l.INV_NR === 'WEB-DJ-2' && l.GENERATED !== true);
  t.same(
    lines.map((l) => [l.ACCT_NR, l.VAT_CODE, l.AMOUNT, l.VAT_AMT]),
    [
      ['8000', '2', '41.32', '8.68'],
      ['8010', '1', '18.35', '1.65'],
      ['8050', '2', '4.13', '0.87'],
    ],
    'revenue accounts, VAT codes and amounts per line',
  );
  const retried = await av.findDocument(
    session,
    av.prepareDocument(makeOrder({ orderNumber: 'DJ-2' }), session),
    order,
  );
  t.equal(retried?.number, 'WEB-DJ-2');
});

t.test('reverse charge: the legal text in DJ_PAGE.COMMENT1, or as sales-order text lines', async (t) => {
  const reverseCharge = {
    homeCountry: 'NL',
    reverseCharge: {
      vatCode: '3',
      legalText: 'BTW verlegd / VAT reverse-charged, art. 138 Richtlijn 2006/112/EG',
    },
  };
  const order = (orderNumber: string) => {
    const built = makeOrder({
      orderNumber,
      companyName: 'Müller GmbH',
      country: 'DE',
      email: 'einkauf@mueller.example',
      lines: [
        buildProductLine({
          name: 'T-shirt',
          sku: 'TS-RED-M',
          quantity: 2,
          unitPriceNet: 2066n,
          vatRateBp: 0,
        }),
        buildShippingLine({ name: 'DHL', unitPriceNet: 413n, vatRateBp: 0 }),
      ],
    });
    if (built.customer) built.customer.vatNumber = 'DE 123456789';
    return built;
  };
  const note = 'BTW verlegd / VAT reverse-charged, art. 138 Richtlijn 2006/112/EG DE123456789';
  const journal = openTestSession(sim, { ...reverseCharge, documentType: 'journal-page' });
  await book(journal, order('RC-1'));
  const page = state().DJ_PAGE.find((p) => p.INV_NR === 'WEB-RC-1');
  t.equal(page?.COMMENT1, note, 'the note of the page');
  const requestsBefore = state().SO_HDR.length + state().CONTACT.length;
  const withoutText = openTestSession(sim, { ...reverseCharge });
  t.throws(
    () => av.prepareDocument(order('RC-0'), withoutText),
    { code: 'VALIDATION_FAILED', field: 'target.settings.textArticleCode' },
    'a sales order without a text article cannot carry the legal text: refused before any write',
  );
  t.equal(state().SO_HDR.length + state().CONTACT.length, requestsBefore, 'nothing was written');
  const salesOrder = openTestSession(sim, { ...reverseCharge, textArticleCode: 'TEXT' });
  const { document } = await book(salesOrder, order('RC-2'));
  const lines = state().SO_LINE.filter((l) => l.ORD_NR === document.number);
  t.same(
    lines.filter((l) => l.ART_CODE === 'TEXT').map((l) => [l.ART_DESC1, l.ORD_QTY, l.ART_PX, l.LINE_AMT]),
    [
      ['BTW verlegd / VAT reverse-charged, art. 138', '1', '0', '0'],
      ['Richtlijn 2006/112/EG DE123456789', '1', '0', '0'],
    ],
    'the legal text in lines of at most 50 characters, adding nothing',
  );
  t.ok(
    lines.every((l) => l.VAT_CODE === '3'),
    'every line carries the reverse-charge code',
  );
  t.equal(
    state().SO_HDR.find((h) => h.ORD_NR === document.number)?.ORD_AMT,
    String(Number(order('RC-2').totals?.net) / 100),
    'the order amount is the shop net',
  );
});

t.test('a default debtor: every order on it, no debtor created or changed', async (t) => {
  const seeded = await sim.sim.app.inject({
    method: 'POST',
    url: '/_control/companies/default/debtors',
    payload: { rows: [{ SUB_NR: '99999', ACCT_NAME: 'Webshop kassa', MAIL_BUS: 'kassa@shop.example' }] },
  });
  t.ok(seeded.statusCode < 300, seeded.body);
  const before = state().CONTACT.length;
  const session = openTestSession(sim, { defaultDebtorNumber: '99999' });
  const { debtor, document } = await book(
    session,
    makeOrder({ orderNumber: 'DEF-1', email: 'new@example.nl' }),
  );
  t.equal(debtor.targetId, '99999');
  t.equal(state().CONTACT.length, before, 'no debtor created');
  t.equal(state().CONTACT.find((c) => c.SUB_NR === '99999')?.ACCT_NAME, 'Webshop kassa', 'nor changed');
  t.equal(state().SO_HDR.find((h) => h.ORD_NR === document.number)?.RPL_INV, '99999');
  const missing = openTestSession(sim, { defaultDebtorNumber: '404' });
  await t.rejects(av.findDebtorByEmail(missing, 'x@example.nl'), {
    code: 'DEFAULT_DEBTOR_NOT_FOUND',
    field: 'target.settings.defaultDebtorNumber',
  });
});

t.test('two sessions of one connection share the rotating refresh token', async (t) => {
  const store = createCredentialStore({ ...sim.credentials, refreshToken: mintRefreshToken(sim.sim) });
  const a = openTestSession(sim, {}, store);
  const b = openTestSession(sim, {}, store);
  await a.tokens.getAccessToken();
  // b opened with the refresh token a has spent: inside the lock it takes the stored one.
  await b.tokens.getAccessToken();
  t.equal(store.saves.length, 2, 'each refresh saved its rotated token under the lock');
  t.equal(store.stored().refreshToken, store.saves[1], 'the latest one is stored');
  await sim.sim.app.inject({ method: 'POST', url: '/_control/tokens/expire' });
  await Promise.all([av.findDebtorByEmail(a, 'x@example.nl'), av.findDebtorByEmail(b, 'y@example.nl')]);
  t.equal(store.saves.length, 4, 'expired tokens refreshed once per session, one after the other');
  const spent = openTestSession(sim, {}, createCredentialStore(sim.credentials));
  await t.rejects(spent.tokens.getAccessToken(), {
    code: 'TARGET_AUTH_FAILED',
    field: 'target.credentials.refreshToken',
  });
});

t.test('check: a finding per credential and setting, in words', async (t) => {
  const good = await av.check(openTestSession(sim, { defaultDebtorNumber: '99999' }));
  t.ok(good.length >= 4 && good.every((f) => f.ok), JSON.stringify(good));
  const store = createCredentialStore({
    clientId: sim.credentials.clientId,
    clientSecret: 'wrong',
    refreshToken: mintRefreshToken(sim.sim),
  });
  const wrongSecret = await av.check(openTestSession(sim, {}, store));
  t.match(wrongSecret, [
    { subject: 'target.credentials.clientSecret', ok: false, message: /API key and API secret/ },
  ]);
  const revoked = await av.check(openTestSession(sim, {}, createCredentialStore(sim.credentials)));
  t.match(revoked, [
    { subject: 'target.credentials.refreshToken', ok: false, message: /connect AccountView again/ },
  ]);
  const wrongCompany = await av.check(openTestSession(sim, { companyId: 'not-a-company' }));
  t.match(
    wrongCompany.find((f) => !f.ok),
    { subject: 'target.settings.companyId', message: /company not-a-company/ },
  );
  const wrongVat = await av.check(
    openTestSession(sim, {
      vatCodes: [{ vatRateBp: 2100, vatCode: '77' }],
      documentType: 'journal-page',
      daybookCode: 'XX',
    }),
  );
  const failed = wrongVat.filter((f) => !f.ok).map((f) => f.subject);
  t.same(failed, ['target.settings.vatCodes', 'target.settings.daybookCode'], JSON.stringify(wrongVat));
});
