/**
 * The Asperion product source against the simulator over HTTP: `/v1/articles` (inactive ones
 * included) with the VAT rate of their `vatCode` from `/v1/vatcodes`, page by page.
 */
import t from 'tap';
import { asperionConnector } from '../../src/index.js';
import { ARTICLE_PAGE_SIZE } from '../../src/products/product-source.js';
import { startHarness } from '../fixtures/simulator-harness.js';

t.test('articles become catalogue products', async (t) => {
  const { session } = await startHarness(t);
  const source = asperionConnector.productSource;
  if (!source) throw new Error('the Asperion connector has no product source');
  const page = await source.read(session, {});
  t.equal(page.next, undefined, 'the seeded articles fit one page');
  const bySku = new Map(page.products.map((p) => [p.sku, p]));
  t.match(bySku.get('TSHIRT-BLK-M'), {
    name: 'T-shirt zwart M',
    ean: '8712345000011',
    priceNetMinor: 2066,
    vatRateBp: 2100,
    currency: 'EUR',
    active: true,
  });
  t.match(bySku.get('BOOK-COOK-01'), { priceNetMinor: 1835, vatRateBp: 900 });
  t.match(bySku.get('MUG-OLD'), { active: false }, 'an inactive article is read, as inactive');
  t.equal(page.products.length, 5);
});

t.test('pages follow `_meta.pageCount`', async (t) => {
  const { sim, session } = await startHarness(t);
  const source = asperionConnector.productSource;
  if (!source) throw new Error('the Asperion connector has no product source');
  const created = await sim.app.inject({
    method: 'POST',
    url: '/_control/articles',
    payload: {
      articles: Array.from({ length: ARTICLE_PAGE_SIZE }, (_, i) => ({
        id: 100 + i,
        code: `BULK-${i}`,
        description: `Bulk ${i}`,
        salesPrice: 1.25,
        vatCode: 'H',
      })),
    },
  });
  t.equal(created.statusCode, 201, created.body);
  const first = await source.read(session, {});
  t.equal(first.products.length, ARTICLE_PAGE_SIZE);
  t.equal(first.next, '2');
  const second = await source.read(session, { page: first.next });
  t.equal(second.next, undefined);
  t.equal(new Set([...first.products, ...second.products].map((p) => p.sku)).size, ARTICLE_PAGE_SIZE + 5);
  t.equal(
    second.products.find((p) => p.sku === 'BULK-99')?.priceNetMinor ??
      first.products.find((p) => p.sku === 'BULK-99')?.priceNetMinor,
    125,
    'the price in cents',
  );
});
