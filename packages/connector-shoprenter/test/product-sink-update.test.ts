/**
 * The Shoprenter product sink updating products in the simulator over HTTP (3 requests/s on):
 * with "update product information" off an existing product only gets its prices and keeps
 * what the shop owner enriched (name, description, categories, images); with it on, the
 * source's information wins. A 503 is a retryable AppError, a refused API client is not.
 */
import { isAppError } from '@koppel/errors';
import t from 'tap';
import { shoprenterConnector } from '../src/index.js';
import { aProduct, PNG, startProductShop } from './product-sink-helpers.js';

const sink = shoprenterConnector.productSink;
if (!sink) throw new Error('the Shoprenter connector has no product sink');

t.test('update product information off keeps the enrichment; on overwrites it', async (t) => {
  const { sim, open, owner, seen, product } = await startProductShop(t);
  const session = open();
  const [created] = await sink.upsert(
    session,
    [aProduct({ images: [PNG], priceGroups: { sale: 254_000 } })],
    {
      matchKey: 'sku',
      updateProductInfo: true,
    },
  );
  const id = created?.shopProductId ?? '';
  // The shop owner enriches the product: a better name, an own category, an extra image.
  const language = ((await owner('GET', '/languages?full=1')).items as { id: string }[])[0]?.id;
  const own = await owner('POST', '/categoryExtend', {
    categoryDescriptions: [{ name: 'Ajándékok', language: { id: language } }],
  });
  await owner('PUT', `/productExtend/${id}`, {
    productDescriptions: [
      { name: 'Kézzel festett bögre', description: 'Saját leírás', language: { id: language } },
    ],
  });
  await owner('POST', '/productCategoryRelations', { product: { id }, category: { id: own.id } });
  await owner('POST', '/files', { filePath: 'product/own.jpg', type: 'image', attachment: 'AAAA' });
  await owner('POST', '/productImages', { imagePath: 'product/own.jpg', product: { id } });
  const categoriesOf = () =>
    sim
      .state()
      .catalog?.productCategoryRelations.filter((r) => r.productInnerId === product('MUG-01')?.innerId)
      .length;
  t.equal(categoriesOf(), 2, 'the source’s category and the owner’s');

  const priceOnly = await sink.upsert(
    session,
    [
      aProduct({
        name: 'Bögre (új)',
        priceGrossMinor: 381_000,
        images: [],
        categories: [],
        priceGroups: { sale: 317_500 },
      }),
    ],
    { matchKey: 'sku', updateProductInfo: false },
  );
  t.same(
    priceOnly.map((r) => [r.outcome, r.shopProductId]),
    [['price-and-stock-only', id]],
  );
  const mug = product('MUG-01');
  t.equal(mug?.price, '3000.0000', 'the new price (3810.00 gross at 27 %)');
  t.equal(mug?.name, 'Kézzel festett bögre', 'the owner’s name is kept');
  t.equal(mug?.description, 'Saját leírás', 'the owner’s description is kept');
  t.equal(categoriesOf(), 2, 'categories are kept');
  t.equal(sim.state().catalog?.productImages.length, 1, 'the owner’s image is kept');
  t.match(mug?.catalog?.mainPicture, /^product\/MUG-01-/, 'the main picture is kept');
  t.same(
    sim.state().catalog?.productSpecials.map((s) => s.price),
    ['2500.0000'],
    'the sale price replaced, not added',
  );

  const full = await sink.upsert(session, [aProduct({ name: 'Bögre (új)', images: [PNG] })], {
    matchKey: 'sku',
    updateProductInfo: true,
  });
  t.equal(full[0]?.outcome, 'updated');
  t.equal(product('MUG-01')?.name, 'Bögre (új)', 'the source’s name wins');
  t.equal(categoriesOf(), 1, 'the source’s categories replace the others');
  t.equal(product('MUG-01')?.innerId, mug?.innerId, 'the same product, not a new one');
  t.equal(sim.state().products.length, 1, 'nothing created twice');
  t.equal(seen().throttled, 0, 'the simulator answered no 429');
});

t.test('a 503 is retryable, a refused API client is not', async (t) => {
  const { sim, open } = await startProductShop(t);
  const session = open();
  sim.kit.faults.configure({ failNext: { count: 1, status: 503, pathPrefix: '/api/batch' } });
  const failure = await sink
    .upsert(session, [aProduct({ images: [] })], { matchKey: 'sku', updateProductInfo: true })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  t.ok(isAppError(failure) && failure.retryable, `retryable: ${String(failure)}`);
  const retried = await sink.upsert(session, [aProduct({ images: [] })], {
    matchKey: 'sku',
    updateProductInfo: true,
  });
  t.equal(retried[0]?.outcome, 'created', 'the retry goes through');

  const denied = await sink
    .upsert(open({ clientId: 'product-client', clientSecret: 'wrong' }), [aProduct()], {
      matchKey: 'sku',
      updateProductInfo: true,
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  t.ok(
    isAppError(denied) && denied.code === 'SOURCE_AUTH_FAILED' && !denied.retryable,
    'auth: not retryable',
  );
});
