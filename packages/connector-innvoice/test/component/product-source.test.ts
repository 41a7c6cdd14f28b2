/**
 * The InnVoice product source against the simulator over HTTP: `GET /{company}/product` with
 * name, SKU (CikkSzam), EAN, VAT label and price groups (Arak; a group named net holds net
 * prices, made gross with the VAT rate), products created through the simulator's control API.
 */
import t from 'tap';
import { innvoiceConnector } from '../../src/index.js';
import { startHarness } from '../fixtures/simulator-harness.js';

const harness = await startHarness(t);
const source = innvoiceConnector.productSource;
if (!source) throw new Error('the InnVoice connector has no product source');

const created = await harness.sim.app.inject({
  method: 'POST',
  url: '/_control/companies/koppeldemo/products',
  payload: {
    products: [
      {
        sku: 'PULCSI-L',
        name: 'Pulóver L',
        ean: '5990000000012',
        vatLabel: '27%',
        productGroup: 'Ruházat',
        prices: [
          { priceGroupId: 2, amount: 9000 },
          { priceGroupId: 1, amount: 12990.5 },
        ],
      },
    ],
  },
});
if (created.statusCode !== 201) throw new Error(created.body);

t.test('products with price groups, VAT and group', async (t) => {
  const page = await source.read(harness.session, {});
  t.equal(page.next, undefined, 'InnVoice answers the catalogue in one page');
  const bySku = new Map(page.products.map((p) => [p.sku, p]));
  t.match(bySku.get('PULCSI-L'), {
    name: 'Pulóver L',
    ean: '5990000000012',
    currency: 'HUF',
    vatRateBp: 2700,
    priceGrossMinor: 1299050,
    priceGroups: { 'Nagyker (nettó)': 1143000 },
    group: 'Ruházat',
    categories: [['Ruházat']],
    images: [],
    variants: [],
  });
  t.same(bySku.get('PULCSI-L')?.priceNetMinor, undefined, 'a gross group price stays gross');
  t.notOk(
    'Kisker (bruttó)' in (bySku.get('PULCSI-L')?.priceGroups ?? {}),
    "the product's own price is no price group",
  );
  t.match(bySku.get('BOOK-HU-01'), { vatRateBp: 500, priceGrossMinor: 499000 }, 'the seeded 5 % book');
  t.ok(bySku.has('TSHIRT-BLK-M'));
});

t.test('the control API rejects a product without a name', async (t) => {
  const res = await harness.sim.app.inject({
    method: 'POST',
    url: '/_control/companies/koppeldemo/products',
    payload: { products: [{ sku: 'X' }] },
  });
  t.equal(res.statusCode, 400);
});
