/** The connector against the InnVoice simulator: documents, flags, stock notes, refusals, lost answers. */
import { HU_EUR_FIXTURES } from '@koppel/acceptance-orders';
import t from 'tap';
import { findUnstockedSkus, innvoiceConnector as connector } from '../../src/index.js';
import {
  book,
  coupon,
  makeCustomer,
  makeOrder,
  paymentFee,
  shipping,
  shirt,
} from '../fixtures/order-fixtures.js';
import { startHarness } from '../fixtures/simulator-harness.js';

type SimDocument = {
  techId: string;
  currency: string;
  lines: { unitPrice: number; quantity: number; gross: number }[];
  kind: string;
  draft: boolean;
  number: string | null;
  gross: number;
  vat: number;
  emailedTo: string | null;
  buyer: { taxNumber: string; name: string };
};

async function simDocuments(sim: { app: { inject: (o: { url: string }) => Promise<{ json(): unknown }> } }) {
  const res = await sim.app.inject({ url: '/_control/companies/koppeldemo/documents' });
  return (res.json() as { documents: SimDocument[] }).documents;
}

async function book1(
  session: Parameters<typeof connector.createDocument>[0],
  order: ReturnType<typeof makeOrder>,
) {
  const prepared = connector.prepareDocument(order, session);
  const customer = makeCustomer(order);
  const debtor =
    (await connector.findDebtorByEmail(session, customer.normalizedEmail)) ??
    (await connector.createDebtor(session, customer, order));
  return connector.createDocument(session, prepared, debtor);
}

t.test('a final invoice with every kind of line: InnVoice totals are the shop totals', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { emailDocument: true } });
  const order = makeOrder({
    lines: [shirt(10), book(50), shipping(), paymentFee(), coupon(-99000n)],
    companyName: 'Próba Kft.',
  });
  const document = await book1(session, order);
  t.match(document.number, /^WEB-2025\/\d{5}$/, 'numbered on the pad');
  const [doc] = await simDocuments(sim);
  const shopGross =
    Number((order.totals?.gross ?? 0n) + 50n) - (Number((order.totals?.gross ?? 0n) + 50n) % 100);
  t.equal(doc?.gross, shopGross, 'gross (hundredths) to the forint');
  t.equal(doc?.emailedTo, 'jakab@gipsz.example', 'e-mailed to the customer');
  t.equal(doc?.buyer.taxNumber, '12345678-2-41', 'company with its tax number');
});

t.test('a euro invoice: Devizanem EUR, every amount to the cent', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { currencies: ['HUF', 'EUR'] } });
  const fixture = HU_EUR_FIXTURES.find((f) => f.name === 'hu-eur-mixed-qty-10');
  await book1(session, fixture!.order);
  const [doc] = await simDocuments(sim);
  t.equal(doc?.currency, 'EUR');
  t.equal(doc?.gross, Number(fixture!.shop.gross), "InnVoice's gross is the shop's in cents");
  t.same(
    doc?.lines.map((l) => [l.unitPrice, l.quantity / 1000, l.gross]),
    [
      [3175, 10, 31750],
      [1249, 5, 6245],
      [1250, 5, 6250],
      [392, 1, 392],
      [393, 9, 3537],
      [1257, 1, 1257],
    ],
    'unit prices in cents; a line that does not divide is two lines one cent apart',
  );
});

t.test('a draft proforma is set aside and never e-mailed', async (t) => {
  const { sim, session } = await startHarness(t, {
    settings: { emailDocument: true, finalisation: 'draft', documentType: 'proforma' },
  });
  const document = await book1(session, makeOrder());
  t.match(document.number, /^techid \d+$/, 'no number: the techid stands in');
  const [doc] = await simDocuments(sim);
  t.match(doc, { kind: 'proforma', draft: true, number: null, emailedTo: null });
});

t.test('stock moves by SKU from the chosen warehouse; unknown SKUs move none', async (t) => {
  const { sim, session } = await startHarness(t, { settings: { stockWarehouseId: 2 } });
  const order = makeOrder({ lines: [shirt(2), { ...book(1), sku: 'NO-SUCH-SKU' }] });
  t.same(await connector.findMissingProducts(session, order), [], 'an unknown SKU does not stop the order');
  t.same(await findUnstockedSkus(session, order), ['NO-SUCH-SKU'], 'but is reported');
  const document = await book1(session, order);
  t.match(document.notes, [
    /^no stock moved for SKU NO-SUCH-SKU: InnVoice does not know it \(warehouse 2\)$/,
  ]);
  t.equal(document.notes?.length, 1, 'the known SKU is not noted');
  const products = (await sim.app.inject({ url: '/_control/companies/koppeldemo/products' })).json() as {
    products: { sku: string; stock: { warehouseId: number; quantity: number }[] }[];
  };
  const shirtStock = products.products.find((p) => p.sku === 'TSHIRT-BLK-M')?.stock;
  t.same(
    shirtStock?.find((s) => s.warehouseId === 2)?.quantity,
    1000,
    'warehouse 2: 3 - 2 = 1 (thousandths)',
  );
});

t.test('a lost answer is an unknown outcome for the ledger; InnVoice holds one document', async (t) => {
  const { sim, session } = await startHarness(t, { requestTimeoutMs: 300 });
  t.equal(connector.documentLookup, 'none', 'Koppel’s ledger guards the create (target-delivery)');
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: {
      rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: '/koppeldemo/invoice', holdMs: 2000 }],
    },
  });
  const order = makeOrder({ orderNumber: 'LOST-1' });
  await t.rejects(book1(session, order), {
    code: 'TARGET_UNAVAILABLE',
    details: { outcome: 'unknown' },
  });
  t.equal((await simDocuments(sim)).length, 1, 'InnVoice made the document');
  const prepared = connector.prepareDocument(order, session);
  t.equal(
    await connector.findDocument(session, prepared, order),
    null,
    'InnVoice cannot be searched: the connector cannot find it, the ledger stops the retry',
  );
});

t.test('a refused create says so (outcome answered), so the ledger may send it again', async (t) => {
  const { session } = await startHarness(t, { settings: { invoicePadId: 99 } });
  await t.rejects(book1(session, makeOrder()), { code: 'TARGET_REJECTED', details: { outcome: 'answered' } });
});

t.test('a booked document is found again in this session, confirmed by its techid', async (t) => {
  const { session } = await startHarness(t);
  const order = makeOrder({ orderNumber: 'FOUND-1' });
  const document = await book1(session, order);
  const prepared = connector.prepareDocument(order, session);
  t.same(await connector.findDocument(session, prepared, order), {
    targetId: document.targetId,
    number: document.number,
  });
});

t.test('refusals: wrong password, and InnVoice validation naming the field', async (t) => {
  const { session } = await startHarness(t, { password: 'wrong' });
  await t.rejects(book1(session, makeOrder()), { code: 'TARGET_AUTH_FAILED', retryable: false });
  const { session: good } = await startHarness(t, { settings: { invoicePadId: 99 } });
  await t.rejects(book1(good, makeOrder()), {
    code: 'TARGET_REJECTED',
    field: 'SzamlatombID',
    retryable: false,
  });
});

t.test('check: findings per setting, in words', async (t) => {
  const { session } = await startHarness(t, { settings: { invoicePadId: 99, stockWarehouseId: 7 } });
  const findings = await connector.check(session);
  t.match(findings, [
    { subject: 'target.credentials.password', ok: true },
    { subject: 'target.settings.invoicePadId', ok: false, message: /no invoice pad 99/ },
    { subject: 'target.settings.stockWarehouseId', ok: false, message: /warehouse 7/ },
    { subject: 'target.settings.documentType', ok: true },
  ]);
  const { session: unknownCompany } = await startHarness(t, { settings: { company: 'nincsilyen' } });
  t.match(await connector.check(unknownCompany), [{ subject: 'target.settings.company', ok: false }]);
});
