import t from 'tap';
import { type Json, list, seedCatalog, soap, soapOk, startSim } from './helpers.js';

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await seedCatalog(sim);
  return sim;
}

const products = (res: Json) => list((res.productList as Json | undefined)?.product);
const articles = (product: Json | undefined) => list((product?.articleList as Json | undefined)?.article);

t.test('getProducts returns products with their articles, prices in cents and VAT', async (t) => {
  const sim = await setup(t);
  const all = products(await soapOk(sim, 'getProducts', { request: {} }));
  t.same(
    all.map((p) => p.productNumber),
    ['10', '11', '12'],
  );
  const shirt = all[0];
  t.match(shirt, { description: 'T-shirt', groupNumbers: { groupNumbers: '3' }, syncMarker: /^\d+$/ });
  t.match(articles(shirt)[0], {
    articleNumber: '100234',
    barcode: '8712345000011',
    webshop: 'true',
    stockArticle: 'true',
    vatCode: '2',
    vatPercentage: '21',
    salesPriceList: { salesPrice: { price: '2500', priceExcl: '2066' } },
  });

  const webshop = products(await soapOk(sim, 'getProducts', { request: { onlyWebshop: true } }));
  t.same(
    articles(webshop[0]).map((a) => a.articleNumber),
    ['100234'],
    'onlyWebshop drops article 100235',
  );
  const byArticle = products(
    await soapOk(sim, 'getProducts', { request: { articleNumbers: { articleNumbers: [200100] } } }),
  );
  t.same(
    byArticle.map((p) => p.productNumber),
    ['11'],
  );
  t.match(articles(byArticle[0])[0], { vatCode: '1', vatPercentage: '9' });
  const byGroup = products(
    await soapOk(sim, 'getProducts', { request: { groupNumbers: { groupNumbers: [3] } } }),
  );
  t.same(
    byGroup.map((p) => p.productNumber),
    ['10'],
  );
});

t.test('getProducts pages with syncMarker/syncMarkerLimit and sees later changes', async (t) => {
  const sim = await setup(t);
  const page1 = products(
    await soapOk(sim, 'getProducts', { request: { syncMarker: 0, syncMarkerLimit: 2 } }),
  );
  t.same(
    page1.map((p) => p.productNumber),
    ['10', '11'],
  );
  const marker = Number(page1.at(-1)?.syncMarker);
  const page2 = products(
    await soapOk(sim, 'getProducts', { request: { syncMarker: marker, syncMarkerLimit: 2 } }),
  );
  t.same(
    page2.map((p) => p.productNumber),
    ['12'],
  );
  const last = Number(page2.at(-1)?.syncMarker);
  t.same(products(await soapOk(sim, 'getProducts', { request: { syncMarker: last } })), [], 'nothing new');

  await sim.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: {
      products: [
        {
          productNumber: 11,
          description: 'Koffiebonen',
          articles: [{ articleNumber: 200100, description: 'Koffie', price: 1399, vatCode: 1 }],
        },
      ],
    },
  });
  const changed = products(await soapOk(sim, 'getProducts', { request: { syncMarker: last } }));
  t.same(
    changed.map((p) => p.productNumber),
    ['11'],
  );
  t.match(articles(changed[0])[0], { salesPriceList: { salesPrice: { price: '1399' } } });
});

t.test('getStock answers per branch, integer amounts with decimalPlaces', async (t) => {
  const sim = await setup(t);
  const branch1 = list((await soapOk(sim, 'getStock', { request: { branchNumber: 1 } })).articleStocks);
  t.same(
    branch1.map((r) => r.articleNumber),
    ['100234', '100235', '200100'],
    'every stock article, shipping (999) excluded',
  );
  t.match(branch1[0], { branchNumber: '1', amountFree: '12', decimalPlacesFree: '0', amountReserved: '0' });
  t.match(branch1[1], { amountFree: '0', stockId: '0' }, 'never-stocked article is 0');
  t.match(branch1[2], { amountFree: '25', decimalPlacesFree: '1' }, '2.5 kg -> 25 / 1');

  const branch2 = list(
    (
      await soapOk(sim, 'getStock', {
        request: { branchNumber: 2, articleNumbers: { articleNumbers: [100234] } },
      })
    ).articleStocks,
  );
  t.equal(branch2.length, 1);
  t.match(branch2[0], { branchNumber: '2', amountFree: '40', amountIncoming: '5' });

  const both = list(
    (
      await soapOk(sim, 'getStock', {
        request: {
          branchNumber: 1,
          articleNumbers: { articleNumbers: [100234] },
          branchNumbers: { branchNumbers: [1, 2] },
        },
      })
    ).articleStocks,
  );
  t.same(
    both.map((r) => [r.branchNumber, r.amountFree]),
    [
      ['1', '12'],
      ['2', '40'],
    ],
  );

  const unwrapped = list((await soapOk(sim, 'getStock', { branchNumber: 2 })).articleStocks);
  t.equal(unwrapped.length, 3, 'fields directly under getStock are accepted too');
});

t.test('getStock faults: missing branchNumber, unknown branch', async (t) => {
  const sim = await setup(t);
  const missing = await soap(sim, 'getStock', { request: {} });
  t.equal(missing.status, 500);
  t.equal(missing.fault?.faultcode, 'SOAP-ENV:Client');
  t.match(missing.fault?.faultstring, /getStock\/branchNumber/);
  const unknown = await soap(sim, 'getStock', { request: { branchNumber: 77 } });
  t.equal(unknown.status, 500);
  t.match(unknown.fault?.faultstring, /Branch 77 does not exist/);
});

t.test('getStockHistory lists mutations and pages with sinceStockId', async (t) => {
  const sim = await setup(t);
  await sim.app.inject({
    method: 'PUT',
    url: '/_control/stock',
    payload: { rows: [{ branchNumber: 1, articleNumber: 100234, quantity: -3, mode: 'add' }] },
  });
  const all = list(
    (await soapOk(sim, 'getStockHistory', { request: { branchNumber: 1 } })).articleStockHistory,
  );
  t.same(
    all.map((h) => [h.stockId, h.articleNumber, h.amountChanged, h.decimalPlaces]),
    [
      ['1', '100234', '12', '0'],
      ['3', '200100', '25', '1'],
      ['4', '100234', '-3', '0'],
    ],
  );
  const since = list(
    (
      await soapOk(sim, 'getStockHistory', {
        request: { branchNumber: 1, sinceStockId: 1, sinceStockIdLimit: 1 },
      })
    ).articleStockHistory,
  );
  t.same(
    since.map((h) => h.stockId),
    ['3'],
  );
  const stock = list(
    (
      await soapOk(sim, 'getStock', {
        request: { branchNumber: 1, articleNumbers: { articleNumbers: [100234] } },
      })
    ).articleStocks,
  );
  t.match(stock[0], { amountFree: '9', stockId: '4' });
  const changedSince = list(
    (await soapOk(sim, 'getStock', { request: { branchNumber: 1, stockId: 3 } })).articleStocks,
  );
  t.same(
    changedSince.map((r) => r.articleNumber),
    ['100234'],
    'stockId filter returns only rows changed after it',
  );
});

t.test('getVatGroupList and getDeliveryMethods answer the tenant data', async (t) => {
  const sim = await setup(t);
  const vat = list(((await soapOk(sim, 'getVatGroupList')).vatGroupList as Json).vatGroup);
  t.equal(vat.length, 6, 'three codes for each of two branches');
  t.match(
    vat.find((g) => g.branchNumber === '1' && g.vatCode === '2'),
    { vatPercentage: '21', countryIso3: 'NLD', countryCode: 'NL' },
  );
  const methods = list(((await soapOk(sim, 'getDeliveryMethods')).deliveryMethodList as Json).deliveryMethod);
  t.same(
    methods.map((m) => m.code),
    ['BEZORGEN_MET_AUTO', 'AFHALEN'],
  );
});
