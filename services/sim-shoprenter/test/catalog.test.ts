/**
 * The catalogue resources a product import writes (README.md "Catalogue"): categories with their
 * descriptions, productExtend with embedded relations (POST appends, PUT replaces what it names),
 * variants through parentProduct, files and product images, references (languages, tax rates,
 * customer groups), and the documented error codes for bad data.
 */
import t from 'tap';
import { bearerHeaders, startSimulator } from './helpers/simulator.js';

type Json = Record<string, unknown>;

async function started() {
  const sim = startSimulator();
  const headers = await bearerHeaders(sim);
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: Json) => {
    const res = await sim.app.inject({ method, url: `/api${url}`, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.body === '' ? {} : res.json()) as Json };
  };
  const language = ((await call('GET', '/languages?code=hu&full=1')).body.items as Json[])[0]?.id as string;
  return { sim, call, language };
}

t.test('categories by categoryExtend; productExtend with its relations; variants', async (t) => {
  const { call, language } = await started();
  t.equal(Buffer.from(language, 'base64').toString(), 'language-language_id=1');
  const taxRates = (await call('GET', '/taxRates?full=1')).body.items as Json[];
  const vat27 = taxRates.find((r) => r.rate === '27.0000')?.taxClass as { href: string };
  const taxClass = vat27.href.split('/').at(-1);

  const parent = await call('POST', '/categoryExtend', {
    categoryDescriptions: [{ name: 'Konyha', language: { id: language } }],
  });
  t.equal(parent.status, 201);
  const child = await call('POST', '/categoryExtend', {
    parentCategory: { id: parent.body.id },
    categoryDescriptions: [{ name: 'Bögrék', language: { id: language } }],
  });
  t.match(child.body, {
    parentCategory: { href: /categories\// },
    categoryDescriptions: [{ name: 'Bögrék' }],
  });
  const listed = (await call('GET', '/categoryExtend?full=1')).body.items as Json[];
  t.equal(listed.length, 2);

  const group = await call('POST', '/customerGroups', { name: 'Viszonteladó' });
  const created = await call('POST', '/productExtend', {
    sku: 'MUG-01',
    price: '2500.0000',
    taxClass: { id: taxClass },
    mainPicture: 'product/mug.png',
    productDescriptions: [{ name: 'Bögre', parameters: 'anyag: porcelán', language: { id: language } }],
    productCategoryRelations: [{ category: { id: child.body.id } }],
    productSpecials: [{ price: '2000' }],
    customerGroupProductPrices: [{ price: '1800', customerGroup: { id: group.body.id } }],
  });
  t.equal(created.status, 201);
  t.match(created.body, {
    sku: 'MUG-01',
    mainPicture: 'product/mug.png',
    productDescriptions: [{ name: 'Bögre', parameters: 'anyag: porcelán' }],
    productCategoryRelations: [{ category: { href: /categories\// } }],
    productSpecials: [{ price: '2000.0000', customerGroup: { href: /customerGroups\// } }],
    customerGroupProductPrices: [{ price: '1800.0000' }],
  });
  const id = String(created.body.id);

  const replaced = await call('PUT', `/productExtend/${id}`, {
    price: '3000',
    productSpecials: [{ price: '2500' }],
  });
  t.match(replaced.body, {
    price: '3000.0000',
    productSpecials: [{ price: '2500.0000' }],
    productDescriptions: [{ name: 'Bögre' }],
    productCategoryRelations: [{}],
  });
  t.equal((replaced.body.productSpecials as Json[]).length, 1, 'PUT replaces the specials it names');

  const variant = await call('POST', '/productExtend', {
    sku: 'MUG-01-RED',
    parentProduct: { id },
    productDescriptions: [{ name: 'Bögre (piros)', language: { id: language } }],
  });
  t.match(variant.body, { parentProduct: { href: new RegExp(`products/${id}`) } });
  const innerId = String(created.body.innerId);
  const children = (await call('GET', `/products?parentProductId=${innerId}&full=1`)).body.items as Json[];
  t.same(
    children.map((c) => c.sku),
    ['MUG-01-RED'],
  );

  const file = await call('POST', '/files', {
    filePath: 'product/extra.png',
    type: 'image',
    attachment: 'iVBORw0KGgo=',
  });
  t.same(file.body, { filePath: 'product/extra.png', type: 'image' });
  const image = await call('POST', '/productImages', {
    imagePath: 'product/extra.png',
    sortOrder: '1',
    product: { id },
  });
  t.equal(image.status, 201);
  const images = (await call('GET', `/productImages?productId=${id}&full=1`)).body.items as Json[];
  t.same(
    images.map((i) => i.imagePath),
    ['product/extra.png'],
  );
});

t.test('bad data answers the documented codes and writes nothing', async (t) => {
  const { sim, call, language } = await started();
  const tooLong = await call('POST', '/productExtend', {
    sku: 'X'.repeat(65),
    productDescriptions: [{ name: 'X', language: { id: language } }],
  });
  t.match(tooLong, { status: 400, body: { error: 40005 } });
  const noDescriptions = await call('POST', '/productExtend', { sku: 'A' });
  t.match(noDescriptions, { status: 400, body: { error: 40003 } });
  const emptyName = await call('POST', '/productExtend', {
    sku: 'A',
    productDescriptions: [{ name: ' ', language: { id: language } }],
  });
  t.match(emptyName, { status: 400, body: { error: 40005, message: /name is empty/ } });
  const unknownCategory = await call('POST', '/productExtend', {
    sku: 'A',
    productDescriptions: [{ name: 'A', language: { id: language } }],
    productCategoryRelations: [
      { category: { id: Buffer.from('category-category_id=999').toString('base64') } },
    ],
  });
  t.match(unknownCategory, { status: 400, body: { error: 40006 } });
  const badPath = await call('POST', '/files', {
    filePath: 'product/kép ő.png',
    type: 'image',
    attachment: 'AAAA',
  });
  t.match(badPath, { status: 400, body: { error: 40005 } });
  t.equal(sim.state().products.length, 0, 'nothing was created');
});
