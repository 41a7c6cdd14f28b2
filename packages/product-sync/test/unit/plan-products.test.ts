/**
 * Planning of one catalogue page: excluded groups, attribute map, the price the shop enters
 * (incl. or excl. VAT, derived with explicit rounding), unchanged products skipped, "update
 * product information" off keeping the shop owner's enrichment, and chunks.
 */
import type { CatalogProduct } from '@koppel/connector-sdk';
import t from 'tap';
import {
  contentHashOf,
  type LastSent,
  type PlanOptions,
  planProducts,
  priceHashOf,
  productSettingsSchema,
  shapeProduct,
} from '../../src/index.js';

const product = (sku: string, overrides: Partial<CatalogProduct> = {}): CatalogProduct => ({
  sku,
  name: `Product ${sku}`,
  longDescription: 'From the books',
  priceNetMinor: 1000,
  currency: 'EUR',
  vatRateBp: 2100,
  group: 'CLOTHING',
  categories: [['Clothing']],
  images: [],
  characteristics: { materiaal: 'katoen' },
  priceGroups: {},
  variants: [],
  active: true,
  changedAt: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

const options = (settings: Record<string, unknown> = {}, extra: Partial<PlanOptions> = {}): PlanOptions => ({
  settings: productSettingsSchema.parse({ direction: 'books-to-shop', ...settings }),
  lastSent: new Map(),
  full: false,
  maxBatchSize: 100,
  ...extra,
});

/** What the run remembers of a product it sent, as the repository gives it back. */
function sentBefore(
  p: CatalogProduct,
  settings: Record<string, unknown> = {},
  sentInThisRun = false,
): LastSent {
  const shaped = shapeProduct(p, productSettingsSchema.parse(settings));
  return { contentHash: contentHashOf(shaped), priceHash: priceHashOf(shaped), sentInThisRun };
}

t.test('settings: defaults, one direction field, and errors naming the field', async (t) => {
  t.match(productSettingsSchema.parse({}), {
    direction: 'off',
    matchKey: 'sku',
    updateProductInfo: true,
    pricesIncludeVat: true,
    chunkSize: 100,
    intervalMinutes: 10,
  });
  const wrong = productSettingsSchema.safeParse({ direction: 'shop-to-books' });
  t.notOk(wrong.success);
  t.same(wrong.error?.issues[0]?.path, ['direction']);
  t.same(productSettingsSchema.safeParse({ chunkSize: 0 }).error?.issues[0]?.path, ['chunkSize']);
  t.same(productSettingsSchema.safeParse({ unknown: 1 }).error?.issues[0]?.code, 'unrecognized_keys');
});

t.test('excluded groups are never planned (compared without case)', async (t) => {
  const plan = planProducts(
    [product('A'), product('B', { group: 'Intern' }), product('C', { group: undefined })],
    options({ excludedGroups: ['INTERN'] }),
  );
  t.same(plan.excluded, ['B']);
  t.same(
    plan.chunks.flat().map((p) => p.product.sku),
    ['A', 'C'],
  );
});

t.test('attribute names are mapped per connection', async (t) => {
  const parent = product('TS', {
    variants: [
      { sku: 'TS-R-M', attributes: { kleur: 'rood', maat: 'M' } },
      { sku: 'TS-B-L', attributes: { Kleur: 'blauw', maat: 'L' } },
    ],
  });
  const [planned] = planProducts([parent], options({ attributeMap: { kleur: 'colour' } })).chunks.flat();
  t.same(
    planned?.product.variants.map((v) => v.attributes),
    [
      { colour: 'rood', maat: 'M' },
      { colour: 'blauw', maat: 'L' },
    ],
  );
  t.same(planned?.product.characteristics, { materiaal: 'katoen' }, 'unmapped names stay');
});

t.test('the price is given as the shop enters it, rounded half up in integers', async (t) => {
  const source = product('P', {
    priceNetMinor: 1235,
    variants: [{ sku: 'P-1', attributes: {}, priceGrossMinor: 1000 }],
  });
  const gross = planProducts([source], options({ pricesIncludeVat: true })).chunks.flat()[0]?.product;
  t.equal(gross?.priceGrossMinor, 1494, '12.35 × 1.21 = 14.9435 → 14.94');
  t.equal(gross?.priceNetMinor, undefined, 'only the price the shop enters');
  t.equal(gross?.variants[0]?.priceGrossMinor, 1000);
  const net = planProducts([source], options({ pricesIncludeVat: false })).chunks.flat()[0]?.product;
  t.equal(net?.priceNetMinor, 1235);
  t.equal(net?.priceGrossMinor, undefined);
  t.equal(net?.variants[0]?.priceNetMinor, 826, '10.00 / 1.21 = 8.2644 → 8.26');
  const noRate = planProducts([product('Q', { vatRateBp: undefined })], options()).chunks.flat()[0]?.product;
  t.equal(noRate?.priceGrossMinor, undefined, 'a gross price that cannot be known is left out');
  t.equal(noRate?.priceNetMinor, undefined);
});

t.test('unchanged products are skipped; changed ones planned', async (t) => {
  const a = product('A');
  const b = product('B');
  const lastSent = new Map([
    ['A', sentBefore(a)],
    ['B', sentBefore(b)],
  ]);
  const touched = { ...a, changedAt: new Date('2026-02-02T00:00:00Z') };
  const renamed = { ...b, name: 'New name' };
  const plan = planProducts([touched, renamed, product('C')], options({}, { lastSent }));
  t.same(plan.skipped, ['A'], 'a change time alone is no change');
  t.same(
    plan.chunks.flat().map((p) => p.product.sku),
    ['B', 'C'],
  );
  const full = planProducts([touched, renamed], options({}, { lastSent, full: true }));
  t.same(
    full.chunks.flat().map((p) => p.product.sku),
    ['A', 'B'],
    'a full resync sends all',
  );
});

t.test('"update product information" off: an enriched product only gets a new price', async (t) => {
  const sent = product('A');
  const lastSent = new Map([['A', sentBefore(sent)]]);
  const off = { updateProductInfo: false };
  const infoOnly = {
    ...sent,
    name: 'Renamed in the books',
    longDescription: 'Other text',
    images: ['https://x/1.jpg'],
  };
  const skipped = planProducts([infoOnly], options(off, { lastSent }));
  t.same(skipped.skipped, ['A'], 'a change of information only is not sent');
  const priced = planProducts([{ ...infoOnly, priceNetMinor: 1100 }], options(off, { lastSent }));
  t.same(
    priced.chunks.flat().map((p) => p.product.sku),
    ['A'],
    'a new price is sent (the sink gets updateProductInfo false and keeps the rest)',
  );
  const on = planProducts([infoOnly], options({ updateProductInfo: true }, { lastSent }));
  t.same(on.chunks.flat().length, 1, 'with the switch on the information goes out');
});

t.test('products already sent by this run are never planned again, even on a full resync', async (t) => {
  const a = product('A');
  const lastSent = new Map([['A', sentBefore(a, {}, true)]]);
  const plan = planProducts([a, product('B')], options({}, { lastSent, full: true }));
  t.same(
    plan.chunks.flat().map((p) => p.product.sku),
    ['B'],
  );
});

t.test('chunks hold at most the chunk size and the sink batch size', async (t) => {
  const many = Array.from({ length: 7 }, (_, i) => product(`P${i}`));
  t.same(
    planProducts(many, options({ chunkSize: 3 })).chunks.map((c) => c.length),
    [3, 3, 1],
  );
  t.same(
    planProducts(many, options({ chunkSize: 5 }, { maxBatchSize: 2 })).chunks.map((c) => c.length),
    [2, 2, 2, 1],
  );
  t.same(
    planProducts([product('D'), product('D')], options()).chunks.flat().length,
    1,
    'a SKU once per page',
  );
});
