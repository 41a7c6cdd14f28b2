/**
 * The AccountView product source against the simulator over HTTP: articles (AK1) with their
 * group (AG1) as category, VAT rate (VA1), EAN, inline image, blocked state; paging by
 * PageNumber; the incremental CNG_DATE filter.
 */
import t from 'tap';
import { accountviewConnector } from '../../src/index.js';
import { ARTICLE_PAGE_SIZE } from '../../src/products/product-source.js';
import { openTestSession, startSimulator } from '../fixtures/simulator-harness.js';

const av = await startSimulator();
t.teardown(() => av.close());
const source = accountviewConnector.productSource;
if (!source) throw new Error('the AccountView connector has no product source');

const control = async (path: string, rows: Record<string, unknown>[]) => {
  const res = await av.sim.app.inject({
    method: 'POST',
    url: `/_control/companies/default/${path}`,
    payload: { rows },
  });
  if (res.statusCode !== 201) throw new Error(`${path}: ${res.body}`);
};
// A 1×1 PNG, as IMG_M_DATA holds image data inline (base64).
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

await control('article-groups', [
  { AG_CODE: 'KLED', AG_DESC: 'Kleding' },
  { AG_CODE: 'BOEK', AG_DESC: 'Boeken' },
]);
await control('articles', [
  {
    ART_CODE: 'TS-BLK-M',
    ART_DESC1: 'T-shirt zwart M',
    PX_SELL: 20.66,
    AG_CODE: 'KLED',
    VAT_CODE: '2',
    BAR_CODE: '8712345678906',
    IMG_M_DATA: PNG,
    IMG_MEDIUM: 'https://cdn.example.test/ts-blk-m.jpg',
  },
  {
    ART_CODE: 'BOOK-9',
    ART_DESC1: 'Kookboek',
    PX_SELL: '24.995',
    AG_CODE: 'BOEK',
    VAT_CODE: '1',
    REC_BLK: true,
  },
  { ART_CODE: 'OLD-1', ART_DESC1: 'Oud artikel', PX_SELL: 1, CNG_DATE: '2020-01-01T00:00:00' },
]);

t.test('articles become catalogue products', async (t) => {
  const session = openTestSession(av);
  const page = await source.read(session, {});
  t.equal(page.next, undefined, 'one page');
  const bySku = new Map(page.products.map((p) => [p.sku, p]));
  t.match(bySku.get('TS-BLK-M'), {
    name: 'T-shirt zwart M',
    ean: '8712345678906',
    priceNetMinor: 2066,
    vatRateBp: 2100,
    currency: 'EUR',
    group: 'KLED',
    categories: [['Kleding']],
    images: [`data:image/png;base64,${PNG}`, 'https://cdn.example.test/ts-blk-m.jpg'],
    variants: [],
    active: true,
  });
  t.match(bySku.get('BOOK-9'), {
    priceNetMinor: 2500,
    vatRateBp: 900,
    categories: [['Boeken']],
    active: false,
  });
  t.equal(bySku.get('BOOK-9')?.images.length, 0, 'no image, none made up');
  t.same(bySku.get('OLD-1')?.changedAt, new Date('2020-01-01T00:00:00Z'));
});

t.test('changedSince reads only articles changed since (CNG_DATE filter)', async (t) => {
  const session = openTestSession(av);
  const page = await source.read(session, { changedSince: new Date('2025-06-01T00:00:00Z') });
  const skus = page.products.map((p) => p.sku);
  t.notOk(skus.includes('OLD-1'), 'the 2020 article is not read again');
  t.ok(skus.includes('TS-BLK-M'));
});

t.test('pages follow PageNumber until a short page', async (t) => {
  await control(
    'articles',
    Array.from({ length: ARTICLE_PAGE_SIZE }, (_, i) => ({
      ART_CODE: `BULK-${String(i).padStart(4, '0')}`,
      PX_SELL: 1,
    })),
  );
  const session = openTestSession(av);
  const first = await source.read(session, {});
  t.equal(first.products.length, ARTICLE_PAGE_SIZE);
  t.equal(first.next, '2');
  const second = await source.read(session, { page: first.next });
  t.equal(second.next, undefined);
  const all = new Set([...first.products, ...second.products].map((p) => p.sku));
  t.equal(all.size, ARTICLE_PAGE_SIZE + 3 + 7, 'every article once (7 seeded by the harness)');
});
