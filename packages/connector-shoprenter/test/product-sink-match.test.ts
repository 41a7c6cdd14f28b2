/**
 * The Shoprenter product sink matching existing products in the simulator over HTTP (3 requests/s
 * on): a new variant of an existing product is created whole even with "update product
 * information" off, EAN matching finds a product whose SKU differs, a product without an EAN
 * cannot be matched by EAN, and refusals carry the shop's reason beside accepted products.
 */
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { aProduct, startProductShop } from './product-sink-helpers.js';

const sink = shoprenterConnector.productSink;
if (!sink) throw new Error('the Shoprenter connector has no product sink');

t.test('a new variant of an existing product is created whole, even with information off', async (t) => {
  const { open, product } = await startProductShop(t);
  const session = open();
  const tee = (sizes: string[]) =>
    aProduct({
      sku: 'TEE-01',
      ean: '5990000000024',
      name: 'Póló',
      images: [],
      variants: sizes.map((size, i) => ({
        sku: `TEE-01-${size}`,
        ean: `599000000013${i}`,
        attributes: { méret: size },
      })),
    });
  await sink.upsert(session, [tee(['M'])], { matchKey: 'sku', updateProductInfo: true });
  const results = await sink.upsert(session, [{ ...tee(['M', 'L']), name: 'Póló (új)' }], {
    matchKey: 'sku',
    updateProductInfo: false,
  });
  t.equal(results[0]?.outcome, 'price-and-stock-only');
  t.equal(product('TEE-01')?.name, 'Póló', 'the existing parent keeps its name');
  t.equal(product('TEE-01-L')?.name, 'Póló (új) (L)', 'the new variant is created whole');
  t.equal(product('TEE-01-L')?.catalog?.parentInnerId, product('TEE-01')?.innerId);
});

t.test('EAN matching updates the product that carries the barcode', async (t) => {
  const { sim, open, product } = await startProductShop(t);
  sim.seedProducts([{ sku: 'SHOP-OWN-SKU', name: 'Bögre', gtin: '5990000000017', taxRate: '27' }]);
  const results = await sink.upsert(open(), [aProduct({ sku: 'BOOKS-SKU', images: [] })], {
    matchKey: 'ean',
    updateProductInfo: false,
  });
  t.equal(results[0]?.outcome, 'price-and-stock-only', 'matched by EAN, not created');
  t.equal(product('SHOP-OWN-SKU')?.price, '2500.0000');
  t.equal(sim.state().products.length, 1);
  const missing = await sink.upsert(open(), [aProduct({ ean: undefined, images: [] })], {
    matchKey: 'ean',
    updateProductInfo: true,
  });
  t.match(missing[0], { outcome: 'refused', reason: /no EAN/ });
});

t.test('refusals carry the reason; the rest of the batch goes through', async (t) => {
  const { open, seen, product } = await startProductShop(t);
  const results = await sink.upsert(
    open(),
    [
      aProduct({ sku: 'X'.repeat(70), ean: '5990000000079', images: [] }),
      aProduct({ sku: 'OK-1', ean: '5990000000086', images: [] }),
      aProduct({ sku: 'NO-GROUP', ean: '5990000000093', images: [], priceGroups: { Nagyker: 100_000 } }),
      aProduct({ sku: 'NO-PRICE', ean: '5990000000109', images: [], priceGrossMinor: undefined }),
      aProduct({ sku: 'NO-VAT', ean: '5990000000116', images: [], vatRateBp: undefined }),
    ],
    { matchKey: 'sku', updateProductInfo: true },
  );
  t.same(
    results.map((r) => r.outcome),
    ['refused', 'created', 'refused', 'refused', 'refused'],
  );
  t.match(results[0]?.reason, /400.*sku is longer than 64/, 'the shop’s validation error');
  t.match(results[2]?.reason, /no Shoprenter customer group/);
  t.match(results[3]?.reason, /no price/);
  t.match(results[4]?.reason, /without a VAT rate/);
  t.ok(product('OK-1'), 'the valid product is in the shop');
  t.equal(seen().throttled, 0, 'the simulator answered no 429');
});
