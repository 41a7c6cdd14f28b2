import { createRetentionLeaseRepository, RETENTION_PURGE_LEASE } from '@koppel/db';
import { sql } from 'kysely';
import t from 'tap';
import { runRetentionPurge, startRetentionPurgeLoop } from '../../src/index.js';
import { createTenantKey } from '../support/tenant-api-key.js';
import { orderRowsText, seedOrder } from '../support/tenant-data-seed.js';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

// Real Postgres, one isolated database for the file.
const { app, database } = await setupAdmin(t);
const db = database.db;

const connA = (await createConnection(app, 'tenant-a')).id;
const connB = (await createConnection(app, 'tenant-b')).id;
const keyA = (await createTenantKey(app, AUTH, 'tenant-a')).headers;
const keyB = (await createTenantKey(app, AUTH, 'tenant-b')).headers;
const purge = (tenantId: string, headers = AUTH) =>
  app.inject({ method: 'POST', url: `/admin/v1/tenants/${tenantId}/retention/purge`, headers });

t.test('retention: 30 days by default, set per tenant, only by its own tenant', async (t) => {
  const initial = await app.inject({ url: '/admin/v1/tenants/tenant-a/retention', headers: keyA });
  t.equal(initial.statusCode, 200);
  t.match(initial.json(), { tenantId: 'tenant-a', retentionDays: 30, isDefault: true, updatedAt: null });

  const set = await app.inject({
    method: 'PUT',
    url: '/admin/v1/tenants/tenant-c/retention',
    headers: AUTH,
    payload: { retentionDays: 45 },
  });
  t.equal(set.statusCode, 200, 'an operator key sets any tenant');
  t.match(set.json(), { tenantId: 'tenant-c', retentionDays: 45, isDefault: false });

  const foreign = await app.inject({
    method: 'PUT',
    url: '/admin/v1/tenants/tenant-a/retention',
    headers: keyB,
    payload: { retentionDays: 1 },
  });
  t.equal(foreign.statusCode, 403, "a tenant's key cannot set another tenant");
  t.match(foreign.headers['content-type'], /^application\/problem\+json/);
  t.match(foreign.json(), { code: 'FORBIDDEN', field: 'params.tenantId' });

  const invalid = await app.inject({
    method: 'PUT',
    url: '/admin/v1/tenants/tenant-a/retention',
    headers: keyA,
    payload: { retentionDays: 0 },
  });
  t.equal(invalid.statusCode, 400);
  t.match(invalid.json(), { code: 'VALIDATION_FAILED', field: 'body.retentionDays' });

  const log = await app.inject({ url: '/admin/v1/tenants/tenant-c/audit-log', headers: AUTH });
  t.match(log.json(), {
    items: [{ action: 'retention_changed', details: { retentionDays: 45, previousRetentionDays: 30 } }],
  });
});

t.test('purge clears old payloads, keeps recent data, summaries and unprocessed records', async (t) => {
  const email = 'anna@example.nl';
  const old1 = await seedOrder(db, connA, 'o1', { email, ageDays: 40 });
  const old2 = await seedOrder(db, connA, 'o2', { email, ageDays: 40, published: false });
  const recent = await seedOrder(db, connA, 'o3', { email, ageDays: 1 });
  const unread = await seedOrder(db, connA, 'o4', { email, ageDays: 40, topic: 'orders.nobody-reads' });
  const otherTenant = await seedOrder(db, connB, 'o1', { email, ageDays: 40 });
  // Two groups read orders.raw: `mapping` is past o2's record, `slow` only past o1's.
  await db
    .insertInto('bus_offsets')
    .values([
      { group_id: 'mapping', topic: 'orders.raw', committed_offset: old2.busOffset },
      { group_id: 'slow', topic: 'orders.raw', committed_offset: old1.busOffset },
    ])
    .execute();

  // Product-sync runs: two old finished runs go, the newest completed one (the next incremental
  // sync's start) and another tenant's stay.
  const runIds: string[] = [];
  for (const [connectionId, status] of [
    [connA, 'completed'],
    [connA, 'abandoned'],
    [connA, 'completed'],
    [connB, 'completed'],
    [connB, 'completed'],
  ] as const) {
    const row = await db
      .insertInto('product_sync_runs')
      .values({
        connection_id: connectionId,
        status,
        full: true,
        trigger: 'schedule',
        changed_since: null,
        source_page: null,
        last_error: null,
        finished_at: sql<Date>`now() - interval '40 days'`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    runIds.push(String(row.id));
  }

  const started = Date.now();
  const response = await purge('tenant-a', keyA);
  t.equal(response.statusCode, 200, response.body);
  t.comment(`purge of 4 orders took ${Date.now() - started} ms`);
  const body = response.json<{ purged: Record<string, number>; retentionDays: number; complete: boolean }>();
  t.equal(body.retentionDays, 30);
  t.ok(body.complete);
  t.same(body.purged, {
    orderJourney: 12,
    deadLetters: 3,
    deliveryLedger: 3,
    orderSummaries: 3,
    inbox: 2,
    busRecords: 1,
    productSyncRuns: 2,
    authFailures: 0,
  });
  const runsLeft = await db.selectFrom('product_sync_runs').select('id').orderBy('id').execute();
  t.same(
    runsLeft.map((r) => String(r.id)),
    runIds.slice(2),
    "old finished runs went; the newest completed run and another tenant's runs stay",
  );

  for (const order of [old1, old2, unread]) {
    const text = await orderRowsText(db, { ...order, key: 'none' });
    t.notOk(text.includes(email), `${order.externalOrderId}: the e-mail is gone from every payload`);
    t.notOk(text.includes('Kerkstraat'), `${order.externalOrderId}: the address is gone`);
  }
  t.ok((await orderRowsText(db, recent)).includes(email), 'recent data stays untouched');
  t.ok((await orderRowsText(db, otherTenant)).includes(email), "another tenant's data is not purged");

  const summary = await db
    .selectFrom('order_summaries')
    .selectAll()
    .where('connection_id', '=', connA)
    .where('external_order_id', '=', 'o1')
    .executeTakeFirstOrThrow();
  t.match(summary, {
    customer_email: null,
    order_number: 'N-o1',
    document_number: 'WEB-o1',
    document_id: 'doc-o1',
    status_stage: 'dead_lettered',
  });
  const delivered = await db
    .selectFrom('order_journey')
    .select('detail')
    .where('connection_id', '=', connA)
    .where('external_order_id', '=', 'o1')
    .where('stage', '=', 'delivered')
    .executeTakeFirstOrThrow();
  t.match(delivered.detail, { documentNumber: 'WEB-o1', documentId: 'doc-o1', retentionPurgedAt: String });
  const ledger = await db
    .selectFrom('delivery_ledger')
    .selectAll()
    .where('connection_id', '=', connA)
    .where('external_order_id', '=', 'o1')
    .executeTakeFirstOrThrow();
  t.match(ledger, { document_request: null, document_number: 'WEB-o1', state: 'delivered' });

  const records = await db.selectFrom('bus_records').select('key').orderBy('offset').execute();
  t.same(
    records.map((r) => r.key),
    [old2.key, recent.key, unread.key, otherTenant.key],
    'only the record every group committed went; unread, recent and other tenants stay',
  );
  const inbox = await db
    .selectFrom('inbox')
    .select('external_order_id')
    .where('connection_id', '=', connA)
    .orderBy('external_order_id')
    .execute();
  t.same(
    inbox.map((r) => r.external_order_id),
    ['o2', 'o3'],
    'the old published event left the inbox; the unpublished one waits to be published',
  );

  const again = await purge('tenant-a');
  t.same(
    Object.values(again.json<{ purged: Record<string, number> }>().purged),
    [0, 0, 0, 0, 0, 0, 0, 0],
    'nothing twice',
  );
});

t.test('a purge of another tenant is refused to a tenant key', async (t) => {
  const response = await purge('tenant-b', keyA);
  t.equal(response.statusCode, 403);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
});

t.test('one purge at a time: the lease is held by one runner', async (t) => {
  const lease = await createRetentionLeaseRepository(db).acquire(
    RETENTION_PURGE_LEASE,
    'other-replica',
    60_000,
  );
  t.ok(lease, 'another replica holds the purge');
  const refused = await purge('tenant-a');
  t.equal(refused.statusCode, 409);
  t.match(refused.json(), { code: 'CONFLICT' });
  await lease?.release();
  t.equal((await purge('tenant-a')).statusCode, 200, 'free again once released');

  // Two pooled connections open first, so both acquires reach Postgres together: otherwise the
  // second one's connect can take longer than the whole first purge on a busy machine.
  await Promise.all([0, 1].map(() => sql`select pg_sleep(0.05)`.execute(db)));
  const both = await Promise.all([
    runRetentionPurge({ db }, { allTenants: true }),
    runRetentionPurge({ db }, { allTenants: true }),
  ]);
  t.equal(both.filter((report) => report !== undefined).length, 1, 'of two purges started at once, one ran');
});

t.test('the scheduled loop purges every tenant and the expired auth-failure windows', async (t) => {
  await seedOrder(db, connB, 'o9', { email: 'bob@example.nl', ageDays: 40 });
  await sql`insert into auth_failures (scope, failures, window_ends_at) values
    ('admin:address:203.0.113.9', 3, now() - interval '1 minute'),
    ('admin:address:203.0.113.10', 3, now() + interval '5 minutes')`.execute(db);
  const lines: { msg: string; purged?: Record<string, number> }[] = [];
  const loop = startRetentionPurgeLoop({
    db,
    batchSize: 2,
    firstRunAfterMs: 0,
    intervalMs: 3_600_000,
    log: { info: (obj, msg) => lines.push({ msg, ...obj }), warn: (obj, msg) => lines.push({ msg, ...obj }) },
  });
  t.teardown(() => loop.stop());
  const deadline = Date.now() + 10_000;
  while (lines.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.equal(lines[0]?.msg, 'retention purge finished');
  t.match(lines[0]?.purged, { authFailures: 1, orderSummaries: 1, orderJourney: 4 }, 'in batches of 2');
  const scopes = await db.selectFrom('auth_failures').select('scope').execute();
  t.same(
    scopes.map((s) => s.scope),
    ['admin:address:203.0.113.10'],
    'an open window stays',
  );
  t.notOk(JSON.stringify(lines).includes('bob@'), 'the log line holds counts only');
});
