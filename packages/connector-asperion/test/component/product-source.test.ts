/**
 * The Asperion product source against the simulator over HTTP: `/v1/articles` (inactive ones
 * included) with the VAT rate of their `vatCode` from `/v1/vatcodes`.
 */
import t from 'tap';
import { asperionConnector } from '../../src/index.js';
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
