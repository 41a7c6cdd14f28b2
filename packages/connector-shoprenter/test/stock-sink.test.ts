/**
 * The Shoprenter stock sink against the simulator over HTTP, with the documented limit of
 * 3 requests/s switched on: batches of at most 200 through `/batch`, ids looked up by SKU (a
 * batch of GETs) or EAN (the catalogue read), cached per session, unknown articles reported,
 * and failures classified. Rate-limit proof is what the simulator saw: no 429, and the count.
 */
import type { AddressInfo } from 'node:net';
import type { SessionServices, StockPush } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { buildShoprenterSimulator } from '@koppel/sim-shoprenter';
import t, { type Test } from 'tap';
import { shoprenterConnector, shoprenterCredentialsSchema, shoprenterSettingsSchema } from '../src/index.js';

const CLIENT = { clientId: 'stock-client', clientSecret: 'stock-secret' };
const ADMIN = { clientId: 'admin-client', clientSecret: 'admin-secret' };

async function start(t: Test) {
  const sim = buildShoprenterSimulator({
    shopName: 'stock',
    clients: [
      { ...CLIENT, scopes: ['products'] },
      { ...ADMIN, scopes: ['products'] },
    ],
    rateLimit: { requests: 3, windowMs: 1000 },
  });
  await sim.app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(() => sim.app.close());
  const baseUrl = `http://127.0.0.1:${(sim.app.server.address() as AddressInfo).port}`;
  const services: SessionServices = {
    saveCredentials: async () => {},
    withCredentialsLock: async () => {
      throw new Error('not used');
    },
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    requestTimeoutMs: 5000,
  };
  const openSession = shoprenterConnector.openSession;
  if (!openSession) throw new Error('the Shoprenter connector opens no sessions');
  const open = () =>
    openSession(
      {
        connectionId: 'c1',
        tenantId: 't1',
        settings: shoprenterSettingsSchema.parse({
          shopName: 'stock',
          apiBaseUrl: baseUrl,
          oauthBaseUrl: baseUrl,
        }),
        credentials: shoprenterCredentialsSchema.parse(CLIENT),
      },
      services,
    );
  /** API calls the simulator answered (the token endpoint aside), and how many were 429. */
  const seen = () => {
    const calls = sim.kit.inspection.list({ pathPrefix: '/api/' });
    return { calls: calls.length, throttled: calls.filter((c) => c.status === 429).length, list: calls };
  };
  const seed = (count: number, from = 0, withGtin = false) =>
    sim.seedProducts(
      Array.from({ length: count }, (_, i) => ({
        sku: `SKU-${from + i}`,
        name: `Product ${from + i}`,
        taxRate: '27',
        stock1: 1,
        gtin: withGtin ? String(5_990_000_000_000 + from + i) : '',
      })),
    );
  const stockOf = (sku: string) => sim.state().products.find((p) => p.sku === sku)?.stock1;
  return { sim, open, seen, seed, stockOf, baseUrl };
}

const sink = shoprenterConnector.stockSink;
if (!sink) throw new Error('the Shoprenter connector has no stock sink');

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

t.test(
  '250 SKUs: split into batches of 200, within 3 requests/s, ids cached for the next sync',
  async (t) => {
    const { open, seen, seed, stockOf, sim } = await start(t);
    seed(250);
    const session = open();
    t.equal(sink.maxBatchSize, 200, 'the documented batch size');
    const pushes: StockPush[] = Array.from({ length: 250 }, (_, i) => ({
      sku: `SKU-${i}`,
      quantity: 10 + i,
    }));
    const results = [];
    for (const batch of chunks(pushes, sink.maxBatchSize))
      results.push(...(await sink.push(session, 'sku', batch)));
    t.equal(results.length, 250, 'one result per push');
    t.ok(
      results.every((r) => r.outcome === 'updated'),
      'all updated',
    );
    t.equal(stockOf('SKU-0'), 10);
    t.equal(stockOf('SKU-249'), 259);
    const first = seen();
    t.equal(first.throttled, 0, 'the simulator answered no 429');
    t.equal(first.calls, 4, '2 look-up batches + 2 stock batches');
    const sizes = first.list.map((c) => (c.body as { data: { requests: unknown[] } }).data.requests.length);
    t.same(sizes, [200, 200, 50, 50], 'no batch above 200 sub-requests');

    sim.kit.inspection.clear();
    for (const batch of chunks(pushes, sink.maxBatchSize)) await sink.push(session, 'sku', batch);
    t.same(
      seen(),
      { calls: 2, throttled: 0, list: seen().list },
      'a second sync only writes: ids come from the cache',
    );
  },
);

t.test('matching by EAN reads the catalogue once; unknown articles are reported, not retried', async (t) => {
  const { open, seen, seed, stockOf } = await start(t);
  seed(5, 0, true);
  const session = open();
  const results = await sink.push(session, 'ean', [
    { sku: 'SKU-1', ean: '5990000000001', quantity: 7 },
    { sku: 'SKU-X', ean: '4000000000000', quantity: 3 },
    { sku: 'SKU-4', ean: '5990000000004', quantity: 0 },
    { sku: 'SKU-no-ean', quantity: 2 },
  ]);
  t.same(
    results.map((r) => r.outcome),
    ['updated', 'unknown-article', 'updated', 'unknown-article'],
  );
  t.equal(stockOf('SKU-1'), 7);
  t.equal(stockOf('SKU-4'), 0);
  t.same(
    seen().list.map((c) => `${c.method} ${c.path}`),
    ['GET /api/products', 'POST /api/batch'],
    'one catalogue page, one batch',
  );
  const again = await sink.push(session, 'ean', [{ sku: 'SKU-X', ean: '4000000000000', quantity: 3 }]);
  t.same(again, [{ sku: 'SKU-X', outcome: 'unknown-article' }]);
  t.equal(seen().calls, 2, 'an unknown EAN does not re-read the catalogue at once');

  const bySku = await sink.push(session, 'sku', [
    { sku: 'SKU-2', quantity: 5 },
    { sku: 'NOPE', quantity: 5 },
  ]);
  t.same(bySku, [
    { sku: 'SKU-2', outcome: 'updated' },
    { sku: 'NOPE', outcome: 'unknown-article' },
  ]);
  t.equal(seen().calls, 4, 'SKU-2 was known from the catalogue read; NOPE looked up in one batch');
});

t.test('a product deleted and recreated under a new id is found again', async (t) => {
  const { open, seed, stockOf, sim, seen } = await start(t);
  seed(2);
  const session = open();
  // Deleted through the API by another client, so its calls do not count against the sink's limit.
  const remove = async (sku: string) => {
    const id = sim.state().products.find((p) => p.sku === sku)?.innerId;
    const res = await sim.app.inject({
      method: 'DELETE',
      url: `/api/products/${Buffer.from(`product-product_id=${id}`).toString('base64')}`,
      headers: { authorization: `Bearer ${sim.issueToken(ADMIN.clientId)}` },
    });
    t.equal(res.statusCode, 204, `${sku} deleted`);
  };
  await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 1 }]);
  const before = sim.state().products.find((p) => p.sku === 'SKU-0')?.innerId;
  await remove('SKU-0');
  seed(1, 0);
  t.not(sim.state().products.find((p) => p.sku === 'SKU-0')?.innerId, before, 'recreated under a new id');
  t.same(await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 9 }]), [
    { sku: 'SKU-0', outcome: 'updated' },
  ]);
  t.equal(stockOf('SKU-0'), 9);
  await sink.push(session, 'sku', [{ sku: 'SKU-1', quantity: 2 }]);
  await remove('SKU-1');
  t.same(await sink.push(session, 'sku', [{ sku: 'SKU-1', quantity: 9 }]), [
    { sku: 'SKU-1', outcome: 'unknown-article' },
  ]);
  t.equal(seen().throttled, 0);
});

t.test('5xx and 429 are retryable, a bad quantity is not', async (t) => {
  const { open, seed, baseUrl } = await start(t);
  seed(1);
  const session = open();
  const fault = (plan: object) =>
    fetch(`${baseUrl}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
  await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 1 }]);
  for (const status of [503, 500, 429]) {
    await fault({ failNext: { count: 1, status, pathPrefix: '/api/batch' } });
    const error = await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 2 }]).catch((e: unknown) => e);
    t.ok(isAppError(error) && error.retryable, `${status} is retryable`);
    if (status === 429) t.ok(isAppError(error) && (error.retryAfterSeconds ?? 0) >= 1, 'waits at least 1 s');
  }
  t.same(await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: 2 }]), [
    { sku: 'SKU-0', outcome: 'updated' },
  ]);
  const bad = await sink.push(session, 'sku', [{ sku: 'SKU-0', quantity: -1 }]).catch((e: unknown) => e);
  t.ok(isAppError(bad) && !bad.retryable && bad.field === 'pushes[0].quantity', 'validation names the field');
});
