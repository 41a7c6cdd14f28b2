/**
 * The stock routes on a real Postgres: settings read and set (422 naming `body.stock.<field>`),
 * an operator's full resync, and the stock report with status filter and cursor paging.
 */
import {
  createPostgresDatabase,
  createStockAppliedRepository,
  createStockReadScheduleRepository,
} from '@koppel/db';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
t.teardown(() => isolated.drop());
const { app, database } = await setupAdmin(t, { open: async () => createPostgresDatabase(isolated.url) });
const { id } = await createConnection(app, 'acme');
const stockUrl = `/admin/v1/connections/${id}/stock`;

t.test('settings: defaults, a valid change, and 422 naming the field', async (t) => {
  const initial = await app.inject({ url: `${stockUrl}/settings`, headers: AUTH });
  t.equal(initial.statusCode, 200);
  t.same(initial.json().stock.enabled, false, 'off until switched on');
  t.equal(initial.json().stock.calculation, 'available');

  const saved = await app.inject({
    method: 'PUT',
    url: `${stockUrl}/settings`,
    headers: AUTH,
    payload: { stock: { enabled: true, matchKey: 'ean', warehouses: ['1', '3'], changeIntervalSeconds: 30 } },
  });
  t.equal(saved.statusCode, 200, saved.body);
  t.same(saved.json().stock.warehouses, ['1', '3']);
  const reread = await app.inject({ url: `${stockUrl}/settings`, headers: AUTH });
  t.equal(reread.json().stock.matchKey, 'ean');
  const row = await database.db
    .selectFrom('connections')
    .select('sync_settings')
    .where('id', '=', id)
    .executeTakeFirst();
  t.equal(
    (row?.sync_settings as { stock?: { enabled?: boolean } } | undefined)?.stock?.enabled,
    true,
    'stored under sync_settings.stock',
  );

  const invalid = await app.inject({
    method: 'PUT',
    url: `${stockUrl}/settings`,
    headers: AUTH,
    payload: { stock: { enabled: true, calculation: 'guess' } },
  });
  t.equal(invalid.statusCode, 422);
  t.equal(invalid.json().code, 'INVALID_STOCK_SETTINGS');
  t.equal(invalid.json().field, 'body.stock.calculation');
  const unknownKey = await app.inject({
    method: 'PUT',
    url: `${stockUrl}/settings`,
    headers: AUTH,
    payload: { stock: { colour: 'blue' } },
  });
  t.equal(unknownKey.statusCode, 422);
  t.equal(unknownKey.json().field, 'body.stock.colour');
  const missing = await app.inject({ url: '/admin/v1/connections/nope/stock/settings', headers: AUTH });
  t.equal(missing.statusCode, 404);
});

t.test('resync: refused while stock is off, then asked for', async (t) => {
  const other = await createConnection(app, 'acme');
  const off = await app.inject({
    method: 'POST',
    url: `/admin/v1/connections/${other.id}/stock/resync`,
    headers: AUTH,
  });
  t.equal(off.statusCode, 409);
  const asked = await app.inject({ method: 'POST', url: `${stockUrl}/resync`, headers: AUTH });
  t.equal(asked.statusCode, 202, asked.body);
  t.ok(asked.json().reader.resyncRequestedAt);
  const schedule = await createStockReadScheduleRepository(database.db).find(id);
  t.ok(schedule?.resyncRequestedAt, 'the reader will send every article');
});

t.test('the report: per SKU, filtered by status, paged by cursor', async (t) => {
  const applied = createStockAppliedRepository(database.db);
  const at = new Date('2026-12-01T10:00:00Z');
  for (const sku of ['A', 'B', 'C', 'D', 'GHOST']) {
    await applied.apply({
      connectionId: id,
      sku,
      ean: '',
      available: 5,
      sourceTime: at,
      readStartedAt: at,
      eventId: sku,
      retryUnknown: false,
    });
  }
  const claims = await applied.claimDue(id, 'test', 10, 60_000, 60);
  await applied.markPushed(
    id,
    'test',
    claims.map((c) => ({
      sku: c.sku,
      version: c.version,
      outcome: c.sku === 'GHOST' ? ('unknown-article' as const) : ('updated' as const),
      quantity: 5,
    })),
  );
  const first = await app.inject({ url: `${stockUrl}?limit=2`, headers: AUTH });
  t.equal(first.statusCode, 200, first.body);
  const page1 = first.json();
  t.same(
    page1.articles.map((a: { sku: string }) => a.sku),
    ['A', 'B'],
  );
  t.same(page1.counts, { pending: 0, updated: 4, 'unknown-article': 1 });
  t.equal(page1.articles[0].quantity, 5);
  t.ok(page1.articles[0].pushedAt);
  t.equal(page1.enabled, true);
  const second = await app.inject({ url: `${stockUrl}?limit=2&cursor=${page1.nextCursor}`, headers: AUTH });
  t.same(
    second.json().articles.map((a: { sku: string }) => a.sku),
    ['C', 'D'],
  );
  const third = await app.inject({
    url: `${stockUrl}?limit=2&cursor=${second.json().nextCursor}`,
    headers: AUTH,
  });
  t.same(
    third.json().articles.map((a: { sku: string }) => a.sku),
    ['GHOST'],
  );
  t.equal(third.json().nextCursor, null);
  const unknown = await app.inject({ url: `${stockUrl}?status=unknown-article`, headers: AUTH });
  const [ghost] = unknown.json().articles;
  t.equal(ghost.sku, 'GHOST');
  t.equal(ghost.status, 'unknown-article');
  t.ok(ghost.unknownAt, 'when the shop said it does not know it');
  const badStatus = await app.inject({ url: `${stockUrl}?status=lost`, headers: AUTH });
  t.equal(badStatus.statusCode, 400);
  t.equal(badStatus.json().field, 'query.status');
});

t.test('a cursor the report did not hand out is 400 naming query.cursor, never a 500', async (t) => {
  // "AAAA" decodes to three U+0000 bytes (Postgres text refuses them); "QQ" and "QR" both decode
  // to "A" (only one of them is the cursor handed out); "" decodes to nothing.
  for (const cursor of ['AAAA', 'QR', '', '%2B%2F']) {
    const res = await app.inject({ url: `${stockUrl}?cursor=${cursor}`, headers: AUTH });
    t.equal(res.statusCode, 400, `cursor "${cursor}"`);
    t.match(res.json(), { code: 'VALIDATION_FAILED', field: 'query.cursor' });
  }
  const handedOut = await app.inject({ url: `${stockUrl}?cursor=QQ`, headers: AUTH });
  t.equal(handedOut.statusCode, 200, 'the cursor of SKU "A" still pages');
});

t.test('the stock routes are in the OpenAPI document', async (t) => {
  const doc = (await app.inject({ url: '/openapi.json' })).json();
  for (const path of [
    '/admin/v1/connections/{id}/stock',
    '/admin/v1/connections/{id}/stock/settings',
    '/admin/v1/connections/{id}/stock/resync',
  ]) {
    t.ok(doc.paths[path], path);
  }
});
