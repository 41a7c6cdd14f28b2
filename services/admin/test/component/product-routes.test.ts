/**
 * The product sync routes over a real (embedded) database: settings read and set with 422s
 * naming the field, "sync now", what was sent per SKU with paging, and runs with their progress.
 */
import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import { openConnectionSession } from '@koppel/connector-registry';
import {
  createPostgresDatabase,
  createProductSyncRunRepository,
  createProductSyncScheduleRepository,
} from '@koppel/db';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import type { AdminConnectors } from '../../src/index.js';
import { booksConnector, hookshopConnector, webshopConnector } from '../support/test-connectors.js';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const books: AnyTargetConnector = {
  ...booksConnector,
  productSource: { read: async () => ({ products: [] }) },
};
const webshop: AnySourceConnector = {
  ...webshopConnector,
  productSink: { maxBatchSize: 10, upsert: async () => [] },
};
const connectors: AdminConnectors = {
  sources: [webshop, hookshopConnector],
  targets: [books],
  openSession: openConnectionSession,
};

const url = (id: string, rest = '') => `/admin/v1/connections/${id}/products${rest}`;

// One app for the file, on a fresh database of the test Postgres.
const infra = await resolveInfrastructure();
const isolated = await createIsolatedDatabase(infra.databaseUrl);
const { app, database } = await setupAdmin(t, {
  connectors,
  open: async () => createPostgresDatabase(isolated.url),
});
t.teardown(() => isolated.drop());

t.test('settings: defaults, set, and 422 naming the field', async (t) => {
  const { id } = await createConnection(app, 'tenant-a');

  const initial = await app.inject({ method: 'GET', url: url(id, '/settings'), headers: AUTH });
  t.equal(initial.statusCode, 200);
  t.match(initial.json(), { direction: 'off', matchKey: 'sku', updateProductInfo: true, chunkSize: 100 });

  const set = await app.inject({
    method: 'PUT',
    url: url(id, '/settings'),
    headers: AUTH,
    payload: {
      direction: 'books-to-shop',
      matchKey: 'ean',
      updateProductInfo: false,
      excludedGroups: ['INTERN'],
      attributeMap: { kleur: 'colour' },
      chunkSize: 50,
      intervalMinutes: 10,
    },
  });
  t.equal(set.statusCode, 200, set.body);
  t.match(set.json(), { direction: 'books-to-shop', matchKey: 'ean', attributeMap: { kleur: 'colour' } });
  const read = await app.inject({ method: 'GET', url: url(id, '/settings'), headers: AUTH });
  t.match(read.json(), { direction: 'books-to-shop', chunkSize: 50, pricesIncludeVat: true });

  for (const [payload, field] of [
    [{ chunkSize: 0 }, 'body.chunkSize'],
    [{ direction: 'both' }, 'body.direction'],
    [{ attributeMap: { kleur: '' } }, 'body.attributeMap.kleur'],
    [{ sideways: true }, 'body.sideways'],
  ] as const) {
    const bad = await app.inject({ method: 'PUT', url: url(id, '/settings'), headers: AUTH, payload });
    t.equal(bad.statusCode, 422, JSON.stringify(payload));
    t.match(bad.headers['content-type'], /^application\/problem\+json/);
    t.equal(bad.json().field, field);
  }
  t.match((await app.inject({ method: 'GET', url: url(id, '/settings'), headers: AUTH })).json(), {
    chunkSize: 50,
  });
});

t.test('books-to-shop needs a product source and a shop that takes products', async (t) => {
  const { id } = await createConnection(app, 'tenant-a', { sourceSystem: 'hookshop', sourceSettings: {} });
  const res = await app.inject({
    method: 'PUT',
    url: url(id, '/settings'),
    headers: AUTH,
    payload: { direction: 'books-to-shop' },
  });
  t.equal(res.statusCode, 422);
  t.equal(res.json().field, 'body.direction');
  t.match(
    res.json().detail,
    /Hook Shop cannot take products: its API documents no call that creates or updates products/,
  );
});

t.test('sync now, runs with progress, and items per SKU with paging', async (t) => {
  const { id } = await createConnection(app, 'tenant-a');
  const off = await app.inject({ method: 'POST', url: url(id, '/sync'), headers: AUTH, payload: {} });
  t.equal(off.statusCode, 409, 'nothing to run while product sync is off');
  t.equal(off.json().field, 'params.id');

  await app.inject({
    method: 'PUT',
    url: url(id, '/settings'),
    headers: AUTH,
    payload: { direction: 'books-to-shop', intervalMinutes: 15 },
  });
  const now = await app.inject({
    method: 'POST',
    url: url(id, '/sync'),
    headers: AUTH,
    payload: { full: true },
  });
  t.equal(now.statusCode, 202, now.body);
  t.match(now.json(), { runRequested: true, fullRequested: true, intervalSeconds: 900, running: false });

  // A run as the runner records it: one chunk of three products, then the page done.
  const schedules = createProductSyncScheduleRepository(database.db);
  const runs = createProductSyncRunRepository(database.db);
  const claim = (await schedules.claimDue(() => 'runner-1', 60_000, 10)).find((c) => c.connectionId === id);
  if (!claim) throw new Error('the requested run was not due');
  const { run } = await runs.open(id, { full: true, trigger: 'manual', changedSince: null });
  await runs.commitChunk(claim, run, [
    { sku: 'A-1', contentHash: 'h1', priceHash: 'p1', outcome: 'created', shopProductId: '101' },
    { sku: 'B-2', contentHash: 'h2', priceHash: 'p2', outcome: 'updated', shopProductId: '102' },
    { sku: 'C-3', contentHash: 'h3', priceHash: 'p3', outcome: 'refused', reason: 'no category' },
  ]);

  const progress = await app.inject({ method: 'GET', url: url(id, '/runs'), headers: AUTH });
  t.equal(progress.statusCode, 200, progress.body);
  t.match(progress.json(), {
    schedule: { running: true, fullRequested: true },
    runs: [
      {
        id: run.id,
        status: 'running',
        trigger: 'manual',
        full: true,
        position: { sourcePage: null, chunkIndex: 1 },
        chunksSent: 1,
        productsSent: 2,
        productsRefused: 1,
      },
    ],
    next: null,
  });

  const first = await app.inject({ method: 'GET', url: url(id, '?limit=2'), headers: AUTH });
  t.equal(first.statusCode, 200, first.body);
  t.match(first.json(), {
    items: [
      { sku: 'A-1', outcome: 'created', shopProductId: '101', runId: run.id },
      { sku: 'B-2', outcome: 'updated', shopProductId: '102' },
    ],
    next: 'B-2',
  });
  const second = await app.inject({ method: 'GET', url: url(id, '?limit=2&after=B-2'), headers: AUTH });
  t.match(second.json(), { items: [{ sku: 'C-3', outcome: 'refused', reason: 'no category' }], next: null });

  const bad = await app.inject({ method: 'GET', url: url(id, '?limit=0'), headers: AUTH });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().field, 'query.limit');
  const missing = await app.inject({ method: 'GET', url: url('nope', '/runs'), headers: AUTH });
  t.equal(missing.statusCode, 404);
});

t.test('the routes are in the OpenAPI document', async (t) => {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const path of [
    '/admin/v1/connections/{id}/products/settings',
    '/admin/v1/connections/{id}/products/sync',
    '/admin/v1/connections/{id}/products',
    '/admin/v1/connections/{id}/products/runs',
  ]) {
    t.ok(doc.paths[path], path);
  }
  t.ok(doc.paths['/admin/v1/connections/{id}/products/settings'].put.responses['422']);
});
