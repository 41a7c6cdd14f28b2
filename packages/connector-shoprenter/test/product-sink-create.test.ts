/**
 * The Shoprenter product sink creating products in the simulator over HTTP with the documented
 * 3 requests/s limit on: a simple product whole (descriptions, characteristics, categories by
 * name path, uploaded images, tax class, sale and customer-group prices), a variant product
 * (children with `parentProduct`), categories reused rather than duplicated, and no 429 seen
 * by the simulator.
 */
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { aProduct, startProductShop } from './product-sink-helpers.js';

const sink = shoprenterConnector.productSink;
if (!sink) throw new Error('the Shoprenter connector has no product sink');

t.test('simple and variant products are created whole; categories are reused', async (t) => {
  const { sim, open, owner, seen, product } = await startProductShop(t);
  await owner('POST', '/customerGroups', { name: 'Viszonteladó' });
  const session = open();

  const results = await sink.upsert(
    session,
    [
      aProduct({ priceGroups: { sale: 254_000, Viszonteladó: 228_600 } }),
      aProduct({
        sku: 'TEE-01',
        ean: '5990000000024',
        name: 'Póló',
        priceGrossMinor: 635_000,
        categories: [['Ruházat', 'Pólók'], ['Konyha']],
        images: [],
        characteristics: {},
        variants: [
          { sku: 'TEE-01-M-R', ean: '5990000000031', attributes: { méret: 'M', szín: 'piros' } },
          {
            sku: 'TEE-01-L-R',
            ean: '5990000000048',
            attributes: { méret: 'L', szín: 'piros' },
            priceGrossMinor: 698_500,
          },
        ],
      }),
    ],
    { matchKey: 'sku', updateProductInfo: true },
  );
  t.same(
    results.map((r) => [r.sku, r.outcome]),
    [
      ['MUG-01', 'created'],
      ['TEE-01', 'created'],
    ],
  );
  t.ok(
    results.every((r) => r.shopProductId),
    'each result carries the shop id',
  );

  const mug = product('MUG-01');
  t.equal(mug?.price, '2500.0000', '3175.00 gross at 27 % is 2500.0000 net');
  t.equal(mug?.taxRate, '27.0000', 'the 27 % tax class');
  t.equal(mug?.name, 'Bögre');
  t.equal(mug?.shortDescription, 'Fehér bögre');
  t.equal(mug?.description, '<p>Porcelán bögre, 3 dl</p>');
  t.equal(mug?.catalog?.parameters, 'anyag: porcelán', 'characteristics as parameters');
  t.match(mug?.catalog?.mainPicture, /^product\/MUG-01-[0-9a-f]{10}\.png$/, 'main picture uploaded');
  const catalog = sim.state().catalog;
  t.equal(catalog?.files.length, 2, 'both images uploaded through /files');
  t.equal(
    catalog?.productImages.filter((i) => i.productInnerId === mug?.innerId).length,
    1,
    'the second image as an additional product image',
  );
  t.same(
    catalog?.productSpecials.filter((s) => s.productInnerId === mug?.innerId).map((s) => s.price),
    ['2000.0000'],
    'the sale price group as a product special (net)',
  );
  t.same(
    catalog?.customerGroupProductPrices.filter((p) => p.productInnerId === mug?.innerId).map((p) => p.price),
    ['1800.0000'],
    'the reseller price group as a customer-group price (net)',
  );

  const names = (catalog?.categories ?? []).map((c) => c.name).sort();
  t.same(names, ['Bögrék', 'Konyha', 'Pólók', 'Ruházat'], 'each category once: Konyha reused');
  const konyha = catalog?.categories.find((c) => c.name === 'Konyha');
  t.equal(
    catalog?.categories.find((c) => c.name === 'Bögrék')?.parentInnerId,
    konyha?.innerId,
    'nested by path',
  );

  const tee = product('TEE-01');
  const medium = product('TEE-01-M-R');
  const large = product('TEE-01-L-R');
  t.equal(medium?.catalog?.parentInnerId, tee?.innerId, 'variant M is a child of the parent');
  t.equal(large?.catalog?.parentInnerId, tee?.innerId, 'variant L too');
  t.equal(medium?.name, 'Póló (M, piros)');
  t.equal(medium?.catalog?.parameters, 'méret: M\nszín: piros');
  t.equal(medium?.price, '5000.0000', 'a variant without a price takes the parent’s');
  t.equal(large?.price, '5500.0000', 'a variant with its own price keeps it');
  t.equal(medium?.gtin, '5990000000031');
  const children = await owner('GET', `/products?parentProductId=${tee?.innerId}&full=1`);
  t.equal((children.items as unknown[]).length, 2, 'the shop lists both variants under the parent');

  // A later product in the same categories reuses them (the session knows the tree).
  const again = await sink.upsert(session, [aProduct({ sku: 'MUG-02', ean: '5990000000055', images: [] })], {
    matchKey: 'sku',
    updateProductInfo: true,
  });
  t.equal(again[0]?.outcome, 'created');
  t.equal(sim.state().catalog?.categories.length, 4, 'no category created twice');
  // A new session reads the tree from the shop and reuses it as well.
  await sink.upsert(open(), [aProduct({ sku: 'MUG-03', ean: '5990000000062', images: [] })], {
    matchKey: 'sku',
    updateProductInfo: true,
  });
  t.equal(sim.state().catalog?.categories.length, 4, 'a new session reuses them too');

  t.equal(seen().throttled, 0, 'the simulator answered no 429');
});
