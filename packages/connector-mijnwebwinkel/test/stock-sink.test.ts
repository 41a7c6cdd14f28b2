/**
 * The Mijnwebwinkel stock sink against the simulator over HTTP with its rate limit on (10/s,
 * 429 + Retry-After): the catalogue read by pages of 100, one PATCH per article with article and
 * variant stock, SKU and EAN (`extra.invisible.barcode`) matching, unknown articles reported, and
 * failures classified. Rate-limit proof is what the simulator saw: no 429, and the count.
 */
import type { SessionServices, StockPush } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { buildMijnwebwinkelSimulator } from '@koppel/sim-mijnwebwinkel';
import t, { type Test } from 'tap';
import {
  mijnwebwinkelConnector,
  mijnwebwinkelCredentialsSchema,
  mijnwebwinkelSettingsSchema,
} from '../src/index.js';

const TOKENS = { apiToken: 'stock-token', partnerToken: 'stock-partner' };

async function start(t: Test) {
  const sim = buildMijnwebwinkelSimulator({
    tokens: [
      { token: TOKENS.apiToken, partnerToken: TOKENS.partnerToken, partnerName: 'Koppel', active: true },
    ],
    rateLimit: { requests: 10, windowMs: 1000 },
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
  const open = () =>
    mijnwebwinkelConnector.openSession?.(
      {
        connectionId: 'c1',
        tenantId: 't1',
        settings: mijnwebwinkelSettingsSchema.parse({ apiBaseUrl: url }),
        credentials: mijnwebwinkelCredentialsSchema.parse(TOKENS),
      },
      services,
    );
  const seen = () => {
    const calls = sim.kit.inspection.list({ pathPrefix: '/v1/' });
    return { calls: calls.length, throttled: calls.filter((c) => c.status === 429).length, list: calls };
  };
  const article = async (body: Record<string, unknown>) => {
    const res = await sim.app.inject({
      method: 'POST',
      url: '/_control/articles',
      payload: { categories: [{ id: 1 }], ...body },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return (res.json() as { id: number }).id;
  };
  const read = (id: number) => sim.articles.find({ id })?.article;
  await sim.app.ready();
  return { sim, open, seen, article, read, url };
}

const sink = mijnwebwinkelConnector.stockSink;
if (!sink) throw new Error('the Mijnwebwinkel connector has no stock sink');

function sessionOf(
  open: () => ReturnType<NonNullable<typeof mijnwebwinkelConnector.openSession>> | undefined,
) {
  const session = open();
  if (!session) throw new Error('no session');
  return session;
}

t.test('101 articles, 30 pushed by SKU: pages of 100, one PATCH each, within 10 requests/s', async (t) => {
  const { open, seen, article, read } = await start(t);
  const ids: number[] = [];
  for (let i = 0; i < 101; i += 1) ids.push(await article({ name: `A${i}`, sku: `SKU-${i}`, stock: 1 }));
  const session = sessionOf(open);
  // Spread over both catalogue pages: SKU-0 .. SKU-100 in steps of 3, and the last one.
  const picked = [...Array.from({ length: 29 }, (_, i) => i * 3), 100];
  const pushes: StockPush[] = picked.map((i) => ({ sku: `SKU-${i}`, quantity: 100 + i }));
  const results = await sink.push(session, 'sku', pushes);
  t.equal(results.length, 30, 'one result per push');
  t.ok(results.every((r) => r.outcome === 'updated'));
  t.equal(read(ids[0] ?? 0)?.stock, 100);
  t.equal(read(ids[100] ?? 0)?.stock, 200);
  t.equal(read(ids[1] ?? 0)?.stock, 1, 'articles not pushed keep their stock');
  const { calls, throttled, list } = seen();
  t.equal(throttled, 0, 'the simulator answered no 429');
  t.equal(calls, 2 + 30, '2 catalogue pages and one PATCH per article');
  t.same(
    list.filter((c) => c.method === 'GET').map((c) => (c.query as Record<string, string>).offset),
    ['0', '100'],
  );
  const tooMany = await sink
    .push(
      session,
      'sku',
      Array.from({ length: 101 }, () => ({ sku: 'SKU-0', quantity: 1 })),
    )
    .catch((e: unknown) => e);
  t.ok(isAppError(tooMany) && tooMany.code === 'VALIDATION_FAILED', 'more than maxBatchSize is refused');
});

t.test('variants by SKU and EAN: one PATCH per article carries article and variant stock', async (t) => {
  const { open, seen, article, read } = await start(t);
  const shirt = await article({
    name: 'Shirt',
    sku: 'SHIRT',
    extra: { invisible: { barcode: '8712345000001' } },
    stock: 0,
    variants: [
      { id: 11, sku: 'SHIRT-S', extra: { invisible: { barcode: '8712345000018' } }, stock: 0 },
      { id: 12, sku: 'SHIRT-M', extra: { invisible: { barcode: '8712345000025' } }, stock: 0 },
    ],
  });
  const mug = await article({ name: 'Mok', sku: 'MOK', extra: { invisible: { barcode: '8712345000032' } } });
  const session = sessionOf(open);
  const bySku = await sink.push(session, 'sku', [
    { sku: 'SHIRT-S', quantity: 4 },
    { sku: 'SHIRT-M', quantity: 6 },
    { sku: 'SHIRT', quantity: 10 },
    { sku: 'MOK', quantity: 3 },
  ]);
  t.ok(bySku.every((r) => r.outcome === 'updated'));
  t.same(
    read(shirt)?.variants.map((v) => [v.id, v.stock]),
    [
      [11, 4],
      [12, 6],
    ],
  );
  t.equal(read(shirt)?.stock, 10);
  t.equal(read(mug)?.stock, 3);
  t.same(
    seen()
      .list.filter((c) => c.method === 'PATCH')
      .map((c) => c.body),
    [
      {
        stock: 10,
        variants: [
          { id: 11, stock: 4 },
          { id: 12, stock: 6 },
        ],
      },
      { stock: 3 },
    ],
    'one PATCH per article',
  );

  const byEan = await sink.push(session, 'ean', [
    { sku: 'x', ean: '8712345000025', quantity: 1 },
    { sku: 'y', ean: '8712345000032', quantity: 2 },
    { sku: 'z', ean: '0000000000000', quantity: 2 },
    { sku: 'no-ean', quantity: 2 },
  ]);
  t.same(
    byEan.map((r) => r.outcome),
    ['updated', 'updated', 'unknown-article', 'unknown-article'],
  );
  t.equal(read(shirt)?.variants.find((v) => v.id === 12)?.stock, 1);
  t.equal(read(mug)?.stock, 2);
  const before = seen().calls;
  t.same(await sink.push(session, 'sku', [{ sku: 'GONE', quantity: 1 }]), [
    { sku: 'GONE', outcome: 'unknown-article' },
  ]);
  t.equal(seen().calls, before, 'an unknown SKU does not re-read the shop within a minute');
  t.equal(seen().throttled, 0);
});

t.test('a deleted article is unknown; 5xx and 429 are retryable with Retry-After, 422 is not', async (t) => {
  const { open, article, url, sim } = await start(t);
  const id = await article({ name: 'Mok', sku: 'MOK', stock: 1 });
  const session = sessionOf(open);
  await sink.push(session, 'sku', [{ sku: 'MOK', quantity: 2 }]);
  const fault = (plan: object) =>
    fetch(`${url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
  await fault({ failNext: { count: 1, status: 503, pathPrefix: '/v1/articles' } });
  const unavailable = await sink.push(session, 'sku', [{ sku: 'MOK', quantity: 3 }]).catch((e: unknown) => e);
  t.ok(isAppError(unavailable) && unavailable.retryable, '503 is retryable');
  await fault({ failNext: { count: 1, status: 429, retryAfterSeconds: 7, pathPrefix: '/v1/articles' } });
  const limited = await sink.push(session, 'sku', [{ sku: 'MOK', quantity: 3 }]).catch((e: unknown) => e);
  t.ok(
    isAppError(limited) && limited.retryable && limited.retryAfterSeconds === 7,
    '429 honours Retry-After',
  );
  await fault({ failNext: { count: 1, status: 422, pathPrefix: '/v1/articles' } });
  const rejected = await sink.push(session, 'sku', [{ sku: 'MOK', quantity: 3 }]).catch((e: unknown) => e);
  t.ok(isAppError(rejected) && !rejected.retryable, '422 is not retryable');
  t.same(await sink.push(session, 'sku', [{ sku: 'MOK', quantity: 3 }]), [
    { sku: 'MOK', outcome: 'updated' },
  ]);
  await sim.app.inject({
    method: 'DELETE',
    url: `/v1/articles/${id}?token=${TOKENS.apiToken}&partner_token=${TOKENS.partnerToken}`,
  });
  t.same(await sink.push(session, 'sku', [{ sku: 'MOK', quantity: 4 }]), [
    { sku: 'MOK', outcome: 'unknown-article' },
  ]);
});
