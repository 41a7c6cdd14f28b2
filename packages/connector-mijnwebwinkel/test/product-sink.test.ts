/**
 * The Mijnwebwinkel product sink against the simulator over HTTP, with its rate limit on:
 * articles created whole (categories created or reused by title path, URL and uploaded images,
 * barcode, characteristics, sale price as the action price), update with "update product
 * information" off (price only, enrichment kept) and on, EAN matching, refusals with the shop's
 * words, and the error classes (503 retryable, a wrong token not).
 */
import type { CatalogProduct, SessionServices } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import t, { type Test } from 'tap';
import {
  mijnwebwinkelConnector,
  mijnwebwinkelCredentialsSchema,
  mijnwebwinkelSettingsSchema,
  shopPriceOf,
} from '../src/index.js';

const TOKENS = { apiToken: 'store-token-products', partnerToken: 'partner-token-koppel' };
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const sink = mijnwebwinkelConnector.productSink;
if (!sink) throw new Error('the Mijnwebwinkel connector has no product sink');

function aProduct(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    sku: 'MOK-01',
    ean: '8712345678906',
    name: 'Mok wit',
    shortDescription: 'Witte mok',
    longDescription: '<p>Porseleinen mok, 30 cl</p>',
    priceNetMinor: 1000,
    currency: 'EUR',
    vatRateBp: 2100,
    categories: [['Keuken', 'Mokken']],
    images: ['https://images.example.com/mok-wit.jpg', PNG],
    characteristics: { materiaal: 'porselein' },
    priceGroups: { sale: 995 },
    variants: [],
    active: true,
    changedAt: new Date('2026-11-30T10:00:00Z'),
    ...overrides,
  };
}

async function start(t: Test) {
  const sim = buildMijnwebwinkelSimulator({
    tokens: [
      { token: TOKENS.apiToken, partnerToken: TOKENS.partnerToken, partnerName: 'Koppel', active: true },
    ],
  });
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => sim.app.close());
  const services: SessionServices = {
    saveCredentials: async () => {},
    withCredentialsLock: async () => {
      throw new Error('not used');
    },
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    requestTimeoutMs: 5000,
  };
  const open = (apiToken = TOKENS.apiToken) => {
    const openSession = mijnwebwinkelConnector.openSession;
    if (!openSession) throw new Error('no sessions');
    return openSession(
      {
        connectionId: 'c1',
        tenantId: 't1',
        settings: mijnwebwinkelSettingsSchema.parse({ apiBaseUrl: url }),
        credentials: mijnwebwinkelCredentialsSchema.parse({ ...TOKENS, apiToken }),
      },
      services,
    );
  };
  const article = (sku: string) => sim.holder.state.articles.find((s) => s.article.sku === sku)?.article;
  const throttled = () => sim.kit.inspection.list({}).filter((c) => c.status === 429).length;
  return { sim, open, article, throttled };
}

t.test('articles are created whole; categories reused; update off keeps the enrichment', async (t) => {
  const { sim, open, article, throttled } = await start(t);
  const session = open();
  const created = await sink.upsert(
    session,
    [
      aProduct(),
      aProduct({ sku: 'MOK-02', ean: '8712345678913', categories: [['Keuken', 'Mokken'], ['Cadeaus']] }),
    ],
    { matchKey: 'sku', updateProductInfo: true },
  );
  t.same(
    created.map((r) => r.outcome),
    ['created', 'created'],
  );
  const mok = article('MOK-01');
  t.equal(mok?.price.default, '12.10', 'the store shows prices incl. VAT: 10.00 net at 21 %');
  t.equal(mok?.price.action, '9.95', 'the sale price group as the action price');
  t.equal(mok?.description, '<p>Porseleinen mok, 30 cl</p>');
  t.equal(mok?.meta_description, 'Witte mok', 'the short description');
  t.same(mok?.extra, { visible: { materiaal: 'porselein' }, invisible: { barcode: '8712345678906' } });
  t.equal(mok?.images.length, 2, 'the URL image and the uploaded one');
  t.match(mok?.images[1]?.original_name, /^MOK-01-[0-9a-f]{10}$/);
  const pages = sim.holder.state.catalog?.categories ?? [];
  t.same(pages.map((c) => c.title).sort(), ['Cadeaus', 'Keuken', 'Mokken'], 'each page once');
  const mokken = pages.find((c) => c.title === 'Mokken');
  t.equal(mokken?.parent_category_id, pages.find((c) => c.title === 'Keuken')?.id, 'nested by path');
  t.same(
    mok?.categories.map((c) => c.id),
    [mokken?.id],
  );

  // The shop owner renames the article and adds a page. Their edit counts against the store's
  // rate limit too, so it waits for the window the sink has just used up.
  const id = Number(created[0]?.shopProductId);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const owner = await sim.app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}?token=${TOKENS.apiToken}&partner_token=${TOKENS.partnerToken}`,
    payload: { name: 'Handgemaakte mok', categories: [{ category_id: mokken?.id ?? 0 }, { category_id: 4 }] },
  });
  t.equal(owner.statusCode, 200, 'the owner’s edit');
  const priceOnly = await sink.upsert(session, [aProduct({ name: 'Mok (nieuw)', priceNetMinor: 1200 })], {
    matchKey: 'sku',
    updateProductInfo: false,
  });
  t.match(priceOnly[0], { outcome: 'price-and-stock-only', shopProductId: String(id) });
  t.equal(article('MOK-01')?.price.default, '14.52', 'the new price');
  t.equal(article('MOK-01')?.name, 'Handgemaakte mok', 'the owner’s name is kept');
  t.equal(article('MOK-01')?.categories.length, 2, 'the owner’s pages are kept');
  t.equal(article('MOK-01')?.images.length, 2, 'the images are kept');

  const full = await sink.upsert(session, [aProduct({ name: 'Mok (nieuw)' })], {
    matchKey: 'sku',
    updateProductInfo: true,
  });
  t.equal(full[0]?.outcome, 'updated');
  t.equal(article('MOK-01')?.name, 'Mok (nieuw)', 'the source’s name wins');
  t.equal(
    article('MOK-01')?.images.filter((i) => i.original_name.startsWith('MOK-01-')).length,
    1,
    'not uploaded twice',
  );
  t.equal(sim.holder.state.catalog?.categories.length, 3, 'no page created twice');
  t.equal(sim.holder.state.articles.length, 2, 'no article created twice');
  t.equal(throttled(), 0, 'the simulator answered no 429');
});

t.test('EAN matching, refusals and error classes', async (t) => {
  const { sim, open, article } = await start(t);
  const session = open();
  await sim.app.inject({
    method: 'POST',
    url: '/_control/articles',
    payload: {
      name: 'Mok',
      sku: 'SHOP-SKU',
      categories: [{ id: 1 }],
      extra: { invisible: { barcode: '8712345678906' } },
    },
  });
  const results = await sink.upsert(
    session,
    [
      aProduct({ sku: 'BOOKS-SKU', images: [] }),
      aProduct({ sku: 'NO-NAME', ean: '8712345678920', name: '' }),
      aProduct({
        sku: 'TEE',
        ean: '8712345678937',
        variants: [{ sku: 'TEE-M', ean: '8712345678944', attributes: { maat: 'M' } }],
      }),
      aProduct({ sku: 'NO-PAGE', ean: '8712345678951', categories: [] }),
    ],
    { matchKey: 'ean', updateProductInfo: false },
  );
  t.same(
    results.map((r) => r.outcome),
    ['price-and-stock-only', 'refused', 'refused', 'refused'],
  );
  t.equal(article('SHOP-SKU')?.price.default, '12.10', 'matched by its barcode');
  t.match(results[1]?.reason, /422.*name/, 'the shop’s validation error');
  t.match(
    results[2]?.reason,
    /attribute "maat" has no Mijnwebwinkel article list in the connection’s variantLists/,
  );
  t.match(results[3]?.reason, /at least one category/);

  sim.kit.faults.configure({ failNext: { count: 1, status: 503, pathPrefix: '/v1/articles' } });
  const failure = await sink
    .upsert(session, [aProduct({ sku: 'NEW', ean: '8712345678968', images: [] })], {
      matchKey: 'sku',
      updateProductInfo: true,
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  t.ok(isAppError(failure) && failure.retryable, 'a 503 is retryable');
  const denied = await sink
    .upsert(open('wrong-token'), [aProduct()], { matchKey: 'sku', updateProductInfo: true })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  t.ok(
    isAppError(denied) && denied.code === 'SOURCE_AUTH_FAILED' && !denied.retryable,
    'a wrong token is not',
  );
});

t.test('prices in the store’s basis', async (t) => {
  t.same(shopPriceOf({ priceNetMinor: 1000 }, 2100, true), { ok: true, text: '12.10' });
  t.same(shopPriceOf({ priceGrossMinor: 1210 }, 2100, false), { ok: true, text: '10.00' });
  t.same(shopPriceOf({ priceGrossMinor: 995 }, 2100, false), { ok: true, text: '8.22' }, 'half up');
  t.same(shopPriceOf({ priceGrossMinor: 1210 }, 2100, true), { ok: true, text: '12.10' });
  t.match(shopPriceOf({ priceGrossMinor: 1210 }, undefined, false), { ok: false });
});
