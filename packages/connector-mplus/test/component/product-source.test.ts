/**
 * The MplusKASSA product source against the simulator over HTTP: `getProducts` products whose
 * articles are variants (colour, size, barcode), prices in cents incl. and excl. VAT, webshop
 * articles only, no images; paging by sync marker.
 */
import t from 'tap';
import { mplusConnector } from '../../src/index.js';
import { PRODUCT_PAGE_SIZE } from '../../src/products/product-source.js';
import { startHarness } from '../fixtures/simulator-harness.js';

const harness = await startHarness(t, { settings: { articleNumbers: { 'TS-RED-M': 200101 } } });
const source = mplusConnector.productSource;
if (!source) throw new Error('the Mplus connector has no product source');

const seed = async (products: unknown[]) => {
  const res = await harness.sim.app.inject({
    method: 'POST',
    url: '/_control/products',
    payload: { products },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
};
await seed([
  {
    productNumber: 2001,
    description: 'T-shirt',
    extraText: 'Biologisch katoen',
    groupNumbers: [12],
    articles: [
      {
        articleNumber: 200101,
        description: 'T-shirt rood M',
        colour: 'rood',
        size: 'M',
        barcode: '8710000000011',
        price: 2500,
        vatCode: 2,
        brandName: 'Koppel',
      },
      {
        articleNumber: 200102,
        description: 'T-shirt blauw L',
        colour: 'blauw',
        size: 'L',
        barcode: '8710000000028',
        price: 2600,
        vatCode: 2,
      },
      {
        articleNumber: 200103,
        description: 'T-shirt (kassa only)',
        colour: 'groen',
        price: 2500,
        vatCode: 2,
        webshop: false,
      },
    ],
  },
  {
    productNumber: 2002,
    description: 'Mok',
    articles: [
      { articleNumber: 200201, description: 'Mok', barcode: '8710000000035', price: 1210, vatCode: 2 },
    ],
  },
]);

t.test('products with their articles as variants', async (t) => {
  const page = await source.read(harness.session, {});
  const bySku = new Map(page.products.map((p) => [p.sku, p]));
  const shirt = bySku.get('2001');
  t.match(shirt, {
    name: 'T-shirt',
    longDescription: 'Biologisch katoen',
    group: '12',
    currency: 'EUR',
    vatRateBp: 2100,
    images: [],
    characteristics: { brand: 'Koppel' },
    active: true,
  });
  t.same(
    shirt?.variants.map((v) => ({
      sku: v.sku,
      ean: v.ean,
      attributes: v.attributes,
      gross: v.priceGrossMinor,
      net: v.priceNetMinor,
    })),
    [
      {
        sku: 'TS-RED-M',
        ean: '8710000000011',
        attributes: { colour: 'rood', size: 'M' },
        gross: 2500,
        net: 2066,
      },
      {
        sku: '200102',
        ean: '8710000000028',
        attributes: { colour: 'blauw', size: 'L' },
        gross: 2600,
        net: 2149,
      },
    ],
    "webshop articles only; the connection's SKU table names a variant",
  );
  t.match(bySku.get('200201'), {
    name: 'Mok',
    ean: '8710000000035',
    priceGrossMinor: 1210,
    priceNetMinor: 1000,
    variants: [],
  });
  t.equal(page.next, undefined);
});

t.test('pages follow the sync marker', async (t) => {
  await seed(
    Array.from({ length: PRODUCT_PAGE_SIZE }, (_, i) => ({
      productNumber: 3000 + i,
      description: `Bulk ${i}`,
      articles: [{ articleNumber: 300000 + i, description: `Bulk ${i}`, price: 100, vatCode: 2 }],
    })),
  );
  const first = await source.read(harness.session, {});
  t.equal(first.products.length, PRODUCT_PAGE_SIZE);
  t.ok(first.next, 'a marker to go on from');
  const second = await source.read(harness.session, { page: first.next });
  t.equal(second.next, undefined);
  const skus = new Set([...first.products, ...second.products].map((p) => p.sku));
  t.equal(skus.size, PRODUCT_PAGE_SIZE + 2 + 2, 'every product once (2 seeded by the harness)');
});
