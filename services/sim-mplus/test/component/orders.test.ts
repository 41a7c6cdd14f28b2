import t from 'tap';
import {
  createRelation,
  type Json,
  list,
  type Sim,
  seedCatalog,
  soap,
  soapOk,
  startSim,
  type XmlInput,
} from './helpers.js';

const fixedNow = () => new Date('2025-03-01T10:00:00Z');

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const sim = await startSim({ now: fixedNow });
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  const relationNumber = await createRelation(sim, { companyName: 'Jansen BV', name: 'Jansen BV' });
  return { sim, relationNumber };
}

/** The composed example of notes §3.4, as the vendor client puts it on the wire. */
const exampleOrder = (relationNumber: number, extOrderId = 'WEB-10023') => ({
  extOrderId,
  entryBranchNumber: 1,
  employeeNumber: 999999,
  relationNumber,
  reference: 'Webshop #10023',
  financialDate: { day: 1, mon: 3, year: 2025 },
  vatMethod: 'VAT-METHOD-INCLUSIVE',
  deliveryMethod: 'BEZORGEN_MET_AUTO',
  invoiceAddress: {
    name: 'Jansen BV',
    contact: 'P. Jansen',
    address: 'Kerkstraat 12',
    zipcode: '1234 AB',
    city: 'Utrecht',
    country: 'NL',
  },
  lineList: {
    line: [
      { articleNumber: 100234, text: 'T-shirt red M', data: { quantity: 2, price: 2500, vatCode: 2 } },
      { articleNumber: 999, text: 'Shipping', data: { quantity: 1, price: 495 } },
    ],
  },
});

const orderCount = async (sim: Sim) =>
  ((await sim.app.inject({ url: '/_control/orders' })).json() as { orders: unknown[] }).orders.length;

t.test('createOrder stores the order; findOrder and getOrder read it back with totals', async (t) => {
  const { sim, relationNumber } = await setup(t);
  const created = await soapOk(sim, 'createOrder', { order: exampleOrder(relationNumber) });
  t.equal(created.result, 'CREATE-ORDER-RESULT-OK');
  t.equal(created.errorMessage, '');
  const info = created.info as Json;
  t.match(info.orderId, /^[0-9A-F]{32}$/);
  t.equal(info.orderString, '2025-1', 'numbered per financial year');
  t.equal(info.orderQueued, 'false');

  const found = await soapOk(sim, 'findOrder', { extOrderId: 'WEB-10023' });
  t.equal(found.result, 'GET-ORDER-RESULT-OK');
  const order = found.order as Json;
  t.match(order, {
    orderId: info.orderId,
    extOrderId: 'WEB-10023',
    orderNumber: { year: '2025', number: '1' },
    relationNumber: String(relationNumber),
    employeeNumber: '999999',
    entryBranchNumber: '1',
    reference: 'Webshop #10023',
    financialDate: { day: '1', mon: '3', year: '2025' },
    deliveryMethod: 'BEZORGEN_MET_AUTO',
    invoiceAddress: { address: 'Kerkstraat 12', zipcode: '1234 AB' },
    vatMethod: 'VAT-METHOD-INCLUSIVE',
    // 2 x 25.00 + 4.95 incl. 21 %; excl. per line, half-up: 41.32 + 4.09.
    totalInclAmount: '5495',
    totalExclAmount: '4541',
  });
  const lines = list((order.lineList as Json).line);
  t.equal(lines.length, 2);
  t.match(lines[0], {
    articleNumber: '100234',
    data: { quantity: '2', price: '2500', priceExcl: '2066', vatCode: '2' },
  });
  t.match(lines[1], { articleNumber: '999', text: 'Shipping', data: { price: '495', vatCode: '2' } });

  const byId = await soapOk(sim, 'getOrder', { orderId: String(info.orderId) });
  t.match(byId, { result: 'GET-ORDER-RESULT-OK', order: { extOrderId: 'WEB-10023' } });
  t.same(await soapOk(sim, 'findOrder', { extOrderId: 'WEB-404' }), { result: 'GET-ORDER-RESULT-NOT-FOUND' });
  t.same(await soapOk(sim, 'getOrder', { orderId: 'FFFF' }), { result: 'GET-ORDER-RESULT-NOT-FOUND' });

  const second = await soapOk(sim, 'createOrder', { order: exampleOrder(relationNumber, 'WEB-10024') });
  t.equal((second.info as Json).orderString, '2025-2');
});

t.test('a reused extOrderId is refused with EXT-ORDER-ID-ALREADY-EXISTS', async (t) => {
  const { sim, relationNumber } = await setup(t);
  await soapOk(sim, 'createOrder', { order: exampleOrder(relationNumber) });
  const again = await soapOk(sim, 'createOrder', { order: exampleOrder(relationNumber) });
  t.equal(again.result, 'CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS');
  t.match(again.errorMessage, /WEB-10023/);
  const queued = await soapOk(sim, 'queueBranchOrder', { order: exampleOrder(relationNumber) });
  t.equal(queued.result, 'QUEUE-BRANCH-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS');
  t.equal(await orderCount(sim), 1);
});

t.test('business rules of notes §3.4 fail with CREATE-ORDER-RESULT-FAILED and store nothing', async (t) => {
  const { sim, relationNumber } = await setup(t);
  const base = exampleOrder(relationNumber, 'WEB-RULES');
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['no employee', { employeeNumber: undefined }, /employeeNumber is required/],
    ['unknown employee', { employeeNumber: 12 }, /Employee 12 does not exist/],
    ['no relation', { relationNumber: undefined }, /always needs a relation/],
    ['unknown relation', { relationNumber: 424242 }, /Relation 424242 does not exist/],
    ['unknown branch', { entryBranchNumber: 9, workplaceNumber: 1 }, /Branch 9 does not exist/],
    ['other branch without workplace', { entryBranchNumber: 2 }, /workplaceNumber is required/],
    ['unknown delivery method', { deliveryMethod: 'DRONE' }, /Delivery method DRONE/],
    [
      'unknown article',
      { lineList: { line: [{ articleNumber: 123, data: { quantity: 1 } }] } },
      /Line 1: article 123 does not exist/,
    ],
    [
      'unknown vat code',
      { lineList: { line: [{ articleNumber: 100234, data: { quantity: 1, vatCode: 7 } }] } },
      /vatCode 7/,
    ],
  ];
  for (const [name, change, message] of cases) {
    const order = { ...base, ...change } as Record<string, XmlInput>;
    const answer = await soapOk(sim, 'createOrder', { order });
    t.equal(answer.result, 'CREATE-ORDER-RESULT-FAILED', name);
    t.match(answer.errorMessage, message, name);
  }
  t.equal(await orderCount(sim), 0);
  const ok = await soapOk(sim, 'createOrder', {
    order: { ...base, entryBranchNumber: 2, workplaceNumber: 2 },
  });
  t.equal(ok.result, 'CREATE-ORDER-RESULT-OK', 'branch 2 with a workplace is accepted');
  const stored = (await sim.app.inject({ url: '/_control/orders' })).json() as {
    orders: { lines: { lineId: string }[] }[];
  };
  t.same(
    stored.orders[0]?.lines.map((l) => l.lineId),
    ['1', '2'],
    'refused orders consumed no line ids',
  );
});

t.test('missing required elements and non-numeric article numbers are SOAP faults', async (t) => {
  const { sim, relationNumber } = await setup(t);
  const noOrder = await soap(sim, 'createOrder', {});
  t.equal(noOrder.status, 500);
  t.equal(noOrder.fault?.faultcode, 'SOAP-ENV:Client');
  t.match(noOrder.fault?.faultstring, /createOrder\/order/);

  const sku = await soap(sim, 'createOrder', {
    order: {
      ...exampleOrder(relationNumber),
      lineList: { line: [{ articleNumber: 'TSHIRT-M', data: { quantity: 1 } }] },
    },
  });
  t.equal(sku.status, 500);
  t.match(sku.fault?.faultstring, /not a valid xsd:long.*articleNumber/);

  const noQuantity = await soap(sim, 'createOrder', {
    order: {
      ...exampleOrder(relationNumber),
      lineList: { line: [{ articleNumber: 100234, data: { price: 100 } }] },
    },
  });
  t.match(noQuantity.fault?.faultstring, /data\/quantity/);

  // lineList is optional in the Order type (it is also the read shape): an order without lines is a
  // business failure, not a schema fault.
  const noLines = await soapOk(sim, 'createOrder', {
    order: { extOrderId: 'X', employeeNumber: 999999, relationNumber },
  });
  t.match(noLines, { result: 'CREATE-ORDER-RESULT-FAILED', errorMessage: /at least one line/ });
  // `<order/>`: every Order child is minOccurs=0, so the empty element is a business failure too.
  const emptyOrder = await soapOk(sim, 'createOrder', { order: {} });
  t.equal(emptyOrder.result, 'CREATE-ORDER-RESULT-FAILED');

  const badDate = await soap(sim, 'createOrder', {
    order: { ...exampleOrder(relationNumber), financialDate: { day: 31, mon: 2, year: 2025 } },
  });
  t.match(badDate.fault?.faultstring, /SoapMplusDate.*financialDate/);
  const noExtId = await soap(sim, 'findOrder', {});
  t.match(noExtId.fault?.faultstring, /extOrderId/);
  t.equal(await orderCount(sim), 0);
});

t.test('VAT-METHOD-EXCLUSIVE prices lines excl. VAT; decimal quantities scale the total', async (t) => {
  const { sim, relationNumber } = await setup(t);
  const created = await soapOk(sim, 'createOrder', {
    order: {
      extOrderId: 'WEB-EXCL',
      employeeNumber: 999999,
      relationNumber,
      vatMethod: 'VAT-METHOD-EXCLUSIVE',
      lineList: {
        line: [
          // 1.25 kg of coffee at 10.00 excl. 9 %: 12.50 excl., 13.63 incl. (half-up).
          { articleNumber: 200100, data: { quantity: 125, decimalPlaces: 2, price: 1000, vatCode: 1 } },
        ],
      },
    },
  });
  const order = (await soapOk(sim, 'getOrder', { orderId: String((created.info as Json).orderId) }))
    .order as Json;
  t.match(order, { vatMethod: 'VAT-METHOD-EXCLUSIVE', totalExclAmount: '1250', totalInclAmount: '1363' });
  t.match(list((order.lineList as Json).line)[0], {
    data: { quantity: '125', decimalPlaces: '2', priceExcl: '1000', price: '1090' },
  });

  const shifted = await soapOk(sim, 'createOrder', {
    order: {
      extOrderId: 'WEB-B2B-DE',
      employeeNumber: 999999,
      relationNumber,
      vatMethod: 'VAT-METHOD-SHIFTED',
      lineList: { line: [{ articleNumber: 100234, data: { quantity: 1, price: 2066 } }] },
    },
  });
  const b2b = (await soapOk(sim, 'getOrder', { orderId: String((shifted.info as Json).orderId) }))
    .order as Json;
  t.match(b2b, { totalExclAmount: '2066', totalInclAmount: '2066' }, 'reverse charge: no VAT');
});

t.test('queueBranchOrder answers QUEUE-BRANCH-ORDER-RESULT-OK and the order is findable', async (t) => {
  const { sim, relationNumber } = await setup(t);
  const queued = await soapOk(sim, 'queueBranchOrder', { order: exampleOrder(relationNumber, 'WEB-Q1') });
  t.equal(queued.result, 'QUEUE-BRANCH-ORDER-RESULT-OK');
  t.match((queued.info as Json).orderId, /^[0-9A-F]{32}$/);
  t.equal((await soapOk(sim, 'findOrder', { extOrderId: 'WEB-Q1' })).result, 'GET-ORDER-RESULT-OK');
  const failed = await soapOk(sim, 'queueBranchOrder', {
    order: { ...exampleOrder(relationNumber, 'WEB-Q2'), relationNumber: 1 },
  });
  t.equal(failed.result, 'QUEUE-BRANCH-ORDER-RESULT-FAILED');
});

t.test('an order reserves stock of stock articles at its entry branch', async (t) => {
  const { sim, relationNumber } = await setup(t);
  await soapOk(sim, 'createOrder', { order: exampleOrder(relationNumber) });
  const stock = await soapOk(sim, 'getStock', {
    request: { branchNumber: 1, articleNumbers: { articleNumbers: [100234, 999] } },
  });
  const rows = list(stock.articleStocks);
  t.equal(rows.length, 1, 'article 999 (shipping) is not a stock article');
  t.match(
    rows[0],
    { articleNumber: '100234', amountFree: '10', amountReserved: '2' },
    'free is what can still be sold',
  );
  const other = list((await soapOk(sim, 'getStock', { request: { branchNumber: 2 } })).articleStocks);
  t.match(
    other.find((r) => r.articleNumber === '100234'),
    { amountReserved: '0' },
    'branch 2 untouched',
  );
});
