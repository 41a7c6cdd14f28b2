/**
 * The myShop stock sink against the simulator over HTTP: ids from the product list
 * (`productlist/get`, a zip), `stock/update_n` with up to 100 pairs per signed call, SKU and EAN
 * matching, products gone since the list was read, a wrong key, and HTTP failures classified.
 * myShop documents no rate limit; the test counts what the simulator saw.
 */
import { deflateRawSync } from 'node:zlib';
import type { SessionServices, StockPush } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { zipOneFile } from '@koppel/sim-myshop';
import t, { type Test } from 'tap';
import { myshopConnector, readFirstZipEntry, readProductList } from '../src/index.js';
import { connectionTo, SHOP, startSim } from './sim-connection.js';

const services: SessionServices = {
  saveCredentials: async () => {},
  withCredentialsLock: async () => {
    throw new Error('not used');
  },
  fetch: (input, init) => fetch(input, init),
  now: Date.now,
  requestTimeoutMs: 5000,
};

const sink = myshopConnector.stockSink;
if (!sink) throw new Error('the myShop connector has no stock sink');

async function start(t: Test, products = 0) {
  const running = await startSim();
  t.teardown(running.close);
  const { sim } = running;
  for (let i = 0; i < products; i += 1) {
    const res = await sim.app.inject({
      method: 'POST',
      url: `/_control/shops/${SHOP}/products`,
      payload: {
        product_id: String(1000 + i),
        sku: `SKU-${i}`,
        ean: String(8_700_000_000_000 + i),
        name: `P${i}`,
        stock: 0,
      },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  const open = (credentials: object = connectionTo(running.baseUrl).credentials) => {
    const connection = connectionTo(running.baseUrl);
    const session = myshopConnector.openSession?.(
      {
        connectionId: 'c1',
        tenantId: 't1',
        settings: myshopConnector.settingsSchema.parse(connection.settings),
        credentials: myshopConnector.credentialsSchema.parse(credentials),
      },
      services,
    );
    if (!session) throw new Error('no session');
    return session;
  };
  const shop = () => sim.ctx.state.shops.find((s) => s.number === SHOP);
  const stockOf = (productId: string) => shop()?.products.find((p) => p.productId === productId)?.stock;
  const calls = () => sim.kit.inspection.list().map((c) => c.path);
  await sim.app.ready();
  return { sim, open, shop, stockOf, calls, baseUrl: running.baseUrl };
}

t.test('SKU and EAN matching through the product list; one signed call per 100 pairs', async (t) => {
  const { open, stockOf, calls, sim } = await start(t, 150);
  const session = open();
  const bySku = await sink.push(session, 'sku', [
    { sku: 'MOK-W', quantity: 12 },
    { sku: 'SKU-7', quantity: 7 },
  ]);
  t.same(
    bySku.map((r) => r.outcome),
    ['updated', 'updated'],
  );
  t.equal(stockOf('501'), 12);
  t.equal(stockOf('1007'), 7);
  t.same(
    calls(),
    ['/RPC/id', '/RPC/productlist/get/', '/RPC/id', '/RPC/stock/update_n'],
    'list once, then one call',
  );
  const byEan = await sink.push(session, 'ean', [{ sku: 'x', ean: '8712345678913', quantity: 4 }]);
  t.same(byEan, [{ sku: 'x', outcome: 'updated' }]);
  t.equal(stockOf('502'), 4);

  sim.kit.inspection.clear();
  const pushes: StockPush[] = Array.from({ length: 150 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i }));
  t.equal(sink.maxBatchSize, 100);
  for (let i = 0; i < pushes.length; i += sink.maxBatchSize) {
    const results = await sink.push(session, 'sku', pushes.slice(i, i + sink.maxBatchSize));
    t.ok(results.every((r) => r.outcome === 'updated'));
  }
  const updates = sim.kit.inspection.list({ pathPrefix: '/RPC/stock' });
  t.same(
    updates.map((c) => (c.query as Record<string, string>).count),
    ['100', '50'],
    'split at 100 pairs',
  );
  t.equal(stockOf('1149'), 149);
  t.notOk(
    sim.kit.inspection.list().some((c) => c.status === 429),
    'no 429',
  );
});

t.test('unknown articles are reported; a product gone since the list read is found out', async (t) => {
  const { open, stockOf, calls, shop, sim } = await start(t, 3);
  const session = open();
  const first = await sink.push(session, 'sku', [
    { sku: 'SKU-0', quantity: 5 },
    { sku: 'NOPE', quantity: 5 },
  ]);
  t.same(
    first.map((r) => r.outcome),
    ['updated', 'unknown-article'],
  );
  const before = calls().length;
  t.same(await sink.push(session, 'sku', [{ sku: 'NOPE', quantity: 1 }]), [
    { sku: 'NOPE', outcome: 'unknown-article' },
  ]);
  t.equal(calls().length, before, 'no call at all: nothing to send and the list is fresh');
  const current = shop();
  if (current) current.products = current.products.filter((p) => p.sku !== 'SKU-1');
  sim.kit.inspection.clear();
  const second = await sink.push(session, 'sku', [
    { sku: 'SKU-1', quantity: 8 },
    { sku: 'SKU-2', quantity: 8 },
  ]);
  t.same(
    second.map((r) => r.outcome),
    ['unknown-article', 'updated'],
  );
  t.equal(stockOf('1002'), 8);
  t.same(
    calls(),
    ['/RPC/id', '/RPC/stock/update_n', '/RPC/id', '/RPC/productlist/get/', '/RPC/id', '/RPC/stock/update_n'],
    'refused as a whole, list re-read, the rest sent again',
  );
});

t.test('a wrong private key is an auth failure; 5xx and 429 are retryable', async (t) => {
  const { open, baseUrl } = await start(t, 1);
  const wrong = await sink
    .push(open({ privateKey: 'not-the-key' }), 'sku', [{ sku: 'SKU-0', quantity: 1 }])
    .catch((e: unknown) => e);
  t.ok(
    isAppError(wrong) && wrong.code === 'SOURCE_AUTH_FAILED' && !wrong.retryable,
    'the key is named, no retry',
  );
  const session = open();
  await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 1 }]);
  const fault = (plan: object) =>
    fetch(baseUrl.replace(/\/RPC$/, '/_sim/faults'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
  await fault({ failNext: { count: 1, status: 502, pathPrefix: '/RPC/stock' } });
  const unavailable = await sink
    .push(session, 'sku', [{ sku: 'SKU-0', quantity: 2 }])
    .catch((e: unknown) => e);
  t.ok(isAppError(unavailable) && unavailable.retryable, '502 is retryable');
  await fault({ failNext: { count: 1, status: 429, retryAfterSeconds: 5, pathPrefix: '/RPC/stock' } });
  const limited = await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 2 }]).catch((e: unknown) => e);
  t.ok(
    isAppError(limited) && limited.retryable && limited.retryAfterSeconds === 5,
    '429 honours Retry-After',
  );
  t.same(await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 2 }]), [
    { sku: 'SKU-0', outcome: 'updated' },
  ]);
});

t.test('the zip reader takes stored and deflated entries and refuses garbage', async (t) => {
  const xml =
    '<?xml version="1.0"?><productlist><product><product_id>9</product_id><article_code>A</article_code><ean/></product></productlist>';
  t.same(readProductList(zipOneFile('productlist.xml', Buffer.from(xml))), [
    { productId: '9', sku: 'A', ean: '' },
  ]);
  const deflated = zipOneFile('productlist.xml', deflateRawSync(Buffer.from(xml)));
  deflated.writeUInt16LE(8, 8);
  deflated.writeUInt16LE(8, deflated.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
  const entry = readFirstZipEntry(deflated);
  t.equal('content' in entry ? entry.content.toString() : entry.error, xml);
  t.match(readProductList(Buffer.from('invalid request')), { error: /zip/ });
  t.same(readProductList(zipOneFile('p.xml', Buffer.from('<productlist/>'))), []);
});
