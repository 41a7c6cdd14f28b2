import { randomBytes } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { DeliveryRequestSchema } from '@koppel/contracts';
import {
  createCredentialCipher,
  createDeliveryLedgerRepository,
  createJourneyRepository,
  createPostgresDatabase,
  migrateToLatest,
  type NewDeadLetter,
} from '@koppel/db';
import { createEmbeddedBus } from '@koppel/kafka';
import { createMetricsRegistry } from '@koppel/telemetry';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { buildAdminApp } from '../../src/index.js';
import { API_KEY, AUTH, createConnection, testConnectors, WEBHOOK_BASE } from './helpers.js';

// Real Postgres, one isolated database; replays go onto the embedded bus's table log in it (the
// same MessageBus the one-process mode passes the admin API), so a test can read what was sent.
const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
const database = createPostgresDatabase(isolated.url);
await migrateToLatest(database.db);
const bus = createEmbeddedBus(database.db);
const common = {
  database,
  cipher: createCredentialCipher(randomBytes(32)),
  apiKeys: [API_KEY],
  publicWebhookBaseUrl: WEBHOOK_BASE,
  registry: createMetricsRegistry('admin-ops-test').registry,
  logLevel: 'silent',
  connectors: testConnectors,
  authFailurePolicy: { perAddress: 1000, windowSeconds: 60 },
};
const app = await buildAdminApp({ ...common, bus });
const withoutBus = await buildAdminApp(common);
t.teardown(async () => {
  await app.close();
  await withoutBus.close();
  await bus.close();
  await database.close();
  await isolated.drop();
});

const journey = createJourneyRepository(database.db);
const ledger = createDeliveryLedgerRepository(database.db);
const conn = (await createConnection(app, 'tenant-a')).id;
const other = (await createConnection(app, 'tenant-b')).id;
const tenantBKey = (
  await app.inject({
    method: 'POST',
    url: '/admin/v1/api-keys',
    headers: AUTH,
    payload: { tenantId: 'tenant-b', label: 'B' },
  })
).json<{ key: string }>().key;

const get = (url: string, headers = AUTH) =>
  app.inject({ url: `/admin/v1/connections/${conn}${url}`, headers });
const post = (url: string, payload?: object, target = app) =>
  target.inject({
    method: 'POST',
    url: `/admin/v1/connections/${conn}${url}`,
    headers: AUTH,
    ...(payload ? { payload } : {}),
  });

const deliveryRequest = toBinary(
  DeliveryRequestSchema,
  create(DeliveryRequestSchema, { deliveryId: 'd-1', targetSystem: 'books' }),
);
let offset = 0;
const letter = (
  externalOrderId: string,
  errorCode: string,
  details: Record<string, unknown> | null = null,
): NewDeadLetter => ({
  connectionId: conn,
  externalOrderId,
  stage: 'delivery.books',
  sourceTopic: 'deliveries.books',
  sourcePartition: 0,
  sourceOffset: String(++offset),
  key: `${conn}:${externalOrderId}`,
  payload: deliveryRequest,
  headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  errorCode,
  errorMessage: `${errorCode} happened`,
  errorField: errorCode === 'VALIDATION_FAILED' ? 'target.settings.vatCodes' : null,
  errorDetails: details,
  attempts: 1,
});

// Five orders: delivered, skipped, dead-lettered (VAT), dead-lettered (outcome unknown), waiting.
await journey.record(conn, '101', 'received', {
  eventType: 'order_confirm',
  channel: 'webhook',
  sourcePayload: { innerId: 101 },
});
await journey.record(conn, '101', 'mapped', {
  order: { orderNumber: 'S-101', customer: { email: 'anna@example.nl' } },
});
await journey.record(conn, '101', 'customer_resolved', { customerId: 'cust-1', displayName: 'Anna' });
const lease = await ledger.acquire(conn, '101', 'WEB-101', 30_000);
if (lease.kind !== 'acquired') throw new Error('no lease');
await ledger.markDocumentRequested(lease.lease, 30_000, {
  documentNumber: 'WEB-101',
  debtorId: 'D1',
  body: { total: 100 },
});
await ledger.markDelivered(lease.lease, 'INV-1');
await journey.record(conn, '101', 'debtor_created', { debtorId: 'D1' });
await journey.record(conn, '101', 'delivered', {
  documentId: 'INV-1',
  documentNumber: 'WEB-101',
  debtorId: 'D1',
});
await journey.record(conn, '102', 'received', {});
await journey.record(conn, '102', 'skipped', { reason: 'status PENDING is filtered out' });
await journey.record(conn, '103', 'received', {});
await journey.record(conn, '103', 'mapped', {
  order: { orderNumber: 'S-103', customer: { email: 'bob@example.nl' } },
});
await journey.recordDeadLetter(letter('103', 'VALIDATION_FAILED'), {
  code: 'VALIDATION_FAILED',
  reason: 'no VAT code',
});
await journey.record(conn, '104', 'received', {});
const lease104 = await ledger.acquire(conn, '104', 'WEB-104', 30_000);
if (lease104.kind !== 'acquired') throw new Error('no lease');
await ledger.markDocumentRequested(lease104.lease, 30_000, { documentNumber: 'WEB-104' });
await ledger.release(lease104.lease);
await journey.recordDeadLetter(
  letter('104', 'DOCUMENT_OUTCOME_UNKNOWN', {
    documentNumber: 'WEB-104',
    requestedAt: '2026-12-01T10:00:00.000Z',
  }),
  { code: 'DOCUMENT_OUTCOME_UNKNOWN' },
);
await journey.record(conn, '105', 'received', {});
await journey.record(conn, '105', 'paused', { code: 'CONNECTION_PAUSED' });
await journey.record(other, '900', 'received', {});

t.test('the activity log lists, filters, searches and pages orders', async (t) => {
  const all = (await get('/orders')).json();
  t.same(
    all.items.map((o: { externalOrderId: string }) => o.externalOrderId),
    ['105', '104', '103', '102', '101'],
  );
  t.match(all.items[4], {
    status: 'delivered',
    orderNumber: 'S-101',
    customerEmail: 'anna@example.nl',
    documentNumber: 'WEB-101',
    debtorId: 'D1',
  });
  const byStatus = async (status: string) =>
    (await get(`/orders?status=${status}`))
      .json()
      .items.map((o: { externalOrderId: string }) => o.externalOrderId);
  t.same(await byStatus('dead_lettered'), ['104', '103']);
  t.same(await byStatus('skipped'), ['102']);
  t.same(await byStatus('waiting'), ['105']);
  t.same((await get('/orders?status=skipped')).json().items[0].reason, 'status PENDING is filtered out');
  t.same(
    (await get('/orders?q=BOB@')).json().items.map((o: { externalOrderId: string }) => o.externalOrderId),
    ['103'],
  );
  t.same((await get('/orders?q=S-10')).json().items.length, 2, 'order numbers by prefix');

  const first = (await get('/orders?limit=2')).json();
  t.equal(first.items.length, 2);
  const second = (await get(`/orders?limit=2&cursor=${first.nextCursor}`)).json();
  const third = (await get(`/orders?limit=2&cursor=${second.nextCursor}`)).json();
  t.same(
    [...first.items, ...second.items, ...third.items].map(
      (o: { externalOrderId: string }) => o.externalOrderId,
    ),
    ['105', '104', '103', '102', '101'],
  );
  t.equal(third.nextCursor, null, 'the last page has no cursor');

  const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
  t.same((await get(`/orders?from=${future}`)).json().items, []);

  for (const [query, field] of [
    ['status=lost', 'query.status'],
    ['cursor=bm9wZQ', 'query.cursor'],
    ['limit=0', 'query.limit'],
    ['from=yesterday', 'query.from'],
    [`from=${future}&to=${encodeURIComponent(new Date().toISOString())}`, 'query.to'],
  ] as const) {
    const res = await get(`/orders?${query}`);
    t.equal(res.statusCode, 400, query);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(res.json(), { code: 'VALIDATION_FAILED', field }, query);
  }
  const foreign = await get('/orders', { authorization: `Bearer ${tenantBKey}` });
  t.equal(foreign.statusCode, 404, "another tenant's key cannot see the connection");
});

t.test('the order detail shows what came from the shop and what went to the target', async (t) => {
  const detail = (await get('/orders/101/detail')).json();
  t.match(detail, {
    status: 'delivered',
    orderNumber: 'S-101',
    fromShop: { eventType: 'order_confirm', channel: 'webhook', payload: { innerId: 101 } },
    toTarget: {
      documentNumber: 'WEB-101',
      ledgerState: 'delivered',
      request: { body: { total: 100 }, debtorId: 'D1' },
    },
    links: {
      shopOrder: { externalOrderId: '101', orderNumber: 'S-101' },
      customer: { customerId: 'cust-1', displayName: 'Anna' },
      debtor: { debtorId: 'D1' },
      document: { documentId: 'INV-1', documentNumber: 'WEB-101' },
    },
  });
  t.same(
    detail.attempts.map((a: { stage: string; outcome: string }) => [a.stage, a.outcome]),
    [['delivered', 'booked WEB-101']],
  );
  const failed = (await get('/orders/103/detail')).json();
  t.match(failed, {
    status: 'dead_lettered',
    toTarget: null,
    deadLetters: [{ code: 'VALIDATION_FAILED', stage: 'delivery.books' }],
  });
  t.equal((await get('/orders/999/detail')).statusCode, 404);
});

t.test('the reconciliation sets orders seen against documents booked', async (t) => {
  const from = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
  const to = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
  const report = (await get(`/reconciliation?from=${from}&to=${to}`)).json();
  t.match(report, { ordersSeen: 5, documentsBooked: 1, truncated: false });
  const ids = (list: { externalOrderId: string }[]) => list.map((d) => d.externalOrderId);
  t.same(ids(report.differences.skipped), ['102']);
  t.same(report.differences.skipped[0].reason, 'status PENDING is filtered out');
  t.same(ids(report.differences.deadLettered), ['103', '104']);
  t.same(ids(report.differences.waiting), ['105']);
  t.same(report.differences.missing, []);
  t.same(report.duplicates, { foundInTarget: [], sharedDocuments: [] });
  const bad = await get(`/reconciliation?from=${to}&to=${from}`);
  t.match(bad.json(), { status: 400, field: 'query.to' });
  t.match((await get(`/reconciliation?from=${from}`)).json(), { status: 400, field: 'query.to' });
});

t.test('dead letters: list, inspect, replay one, replay all by code', async (t) => {
  const listed = (await get('/dead-letters')).json();
  t.same(
    listed.items.map((d: { externalOrderId: string; code: string }) => [d.externalOrderId, d.code]),
    [
      ['104', 'DOCUMENT_OUTCOME_UNKNOWN'],
      ['103', 'VALIDATION_FAILED'],
    ],
  );
  const vat = listed.items[1];
  t.match(vat, { stage: 'delivery.books', field: 'target.settings.vatCodes', replayCount: 0 });
  const inspected = (await get(`/dead-letters/${vat.id}`)).json();
  t.match(inspected, {
    payload: { deliveryId: 'd-1', targetSystem: 'books' },
    sourceTopic: 'deliveries.books',
  });
  t.equal(Buffer.from(inspected.payloadBase64, 'base64').compare(Buffer.from(deliveryRequest)), 0);

  t.equal((await post(`/dead-letters/${vat.id}/replay`, undefined, withoutBus)).statusCode, 503);
  const replayed = await post(`/dead-letters/${vat.id}/replay`);
  t.equal(replayed.statusCode, 200, replayed.body);
  t.match(replayed.json(), {
    externalOrderId: '103',
    topic: 'deliveries.books',
    clearedDocumentRequest: false,
  });
  const sent = await database.db
    .selectFrom('bus_records')
    .selectAll()
    .where('topic', '=', 'deliveries.books')
    .execute();
  t.equal(sent.length, 1, 'republished to the stage that failed');
  t.equal(sent[0]?.key, `${conn}:103`);
  t.equal(Buffer.from(sent[0]?.value ?? []).compare(Buffer.from(deliveryRequest)), 0, 'the original bytes');
  t.equal(sent[0]?.headers['koppel-replay-of'], vat.id);
  const stages = (await journey.list(conn, '103')).map((e) => e.stage);
  t.equal(stages[stages.length - 1], 'replayed', 'the journey shows the replay');
  t.match((await get('/orders?status=replayed')).json().items, [{ externalOrderId: '103', replays: 1 }]);

  const unknown = listed.items[0];
  const refused = await post(`/dead-letters/${unknown.id}/replay`, {});
  t.equal(refused.statusCode, 409);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(refused.json(), {
    code: 'REPLAY_NEEDS_CONFIRMATION',
    field: 'body.confirmedNotInTarget',
    detail: /WEB-104.*2026-12-01T10:00:00.000Z.*confirmedNotInTarget/,
  });
  const all = (await post('/dead-letters/replay', { code: 'DOCUMENT_OUTCOME_UNKNOWN' })).json();
  t.same(all.replayed, []);
  t.match(all.needsConfirmation, [{ externalOrderId: '104' }], 'replay-all leaves it for a person too');
  const confirmed = await post('/dead-letters/replay', {
    code: 'DOCUMENT_OUTCOME_UNKNOWN',
    confirmedNotInTarget: true,
  });
  t.match(confirmed.json(), {
    replayed: [{ externalOrderId: '104', clearedDocumentRequest: true }],
    needsConfirmation: [],
  });
  const acquired = await ledger.acquire(conn, '104', 'WEB-104', 30_000);
  t.equal(
    acquired.kind === 'acquired' ? acquired.documentRequestedAt : 'held',
    null,
    'the ledger forgot the create',
  );

  t.match((await post('/dead-letters/replay', { code: 'lower' })).json(), {
    status: 400,
    field: 'body.code',
  });
  t.equal((await get('/dead-letters/99999')).statusCode, 404);
  t.equal((await get('/dead-letters?state=open')).json().items.length, 0, 'nothing left open');
});

t.test('pause and resume a connection', async (t) => {
  t.match((await get('/pause')).json(), { paused: false, pausedSince: null });
  const paused = (await post('/pause')).json();
  t.match(paused, { connectionId: conn, paused: true, pausedSince: String });
  t.match((await post('/resume')).json(), { paused: false, woken: 0 });
  const foreign = await app.inject({
    method: 'POST',
    url: `/admin/v1/connections/${conn}/pause`,
    headers: { authorization: `Bearer ${tenantBKey}` },
  });
  t.equal(foreign.statusCode, 404);
});

t.test('a dead letter emptied by the retention purge is not replayed', async (t) => {
  await journey.recordDeadLetter({ ...letter('106', 'VALIDATION_FAILED'), payload: new Uint8Array() }, {});
  const purged = (await get('/dead-letters?externalOrderId=106')).json().items[0];
  const res = await post(`/dead-letters/${purged.id}/replay`);
  t.equal(res.statusCode, 409);
  t.match(res.json(), { code: 'CONFLICT', field: 'params.deadLetterId', detail: /retention/ });
  const all = (await post('/dead-letters/replay', { externalOrderId: '106' })).json();
  t.match(all, { replayed: [], purged: [{ externalOrderId: '106' }] });
});

t.test(
  'found in the target, booked twice, still under way: reconciliation, trace id, time range',
  async (t) => {
    const books = (await createConnection(app, 'tenant-a')).id;
    const deliver = async (orderId: string, documentNumber: string) => {
      const held = await ledger.acquire(books, orderId, documentNumber, 30_000);
      if (held.kind !== 'acquired') throw new Error('no lease');
      await ledger.markDelivered(held.lease, `INV-${orderId}`);
    };
    // 201: the target already had its document (the delivery's look-up found it).
    await journey.record(books, '201', 'received', {});
    await deliver('201', 'WEB-201');
    await journey.record(books, '201', 'already_in_target', {
      reason: 'the target already has document WEB-201',
      documentId: 'INV-201',
      documentNumber: 'WEB-201',
    });
    // 202: still retrying, so neither booked nor deliberately left out.
    await journey.record(books, '202', 'received', {});
    await journey.record(books, '202', 'retrying', { code: 'TARGET_UNAVAILABLE', reason: 'HTTP 503' });
    // 203 and 204: one document number in the ledger for two orders.
    for (const orderId of ['203', '204']) {
      await journey.record(books, orderId, 'received', {});
      await deliver(orderId, 'WEB-SAME');
      await journey.record(books, orderId, 'delivered', { documentNumber: 'WEB-SAME' });
    }
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await database.db
      .updateTable('order_summaries')
      .set({ trace_id: traceId })
      .where('connection_id', '=', books)
      .where('external_order_id', '=', '201')
      .execute();

    const from = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    const res = await app.inject({
      url: `/admin/v1/connections/${books}/reconciliation?from=${from}&to=${to}`,
      headers: AUTH,
    });
    t.equal(res.statusCode, 200, res.body);
    const report = res.json();
    t.match(report, { ordersSeen: 4, documentsBooked: 3 });
    t.match(report.differences.missing, [
      { externalOrderId: '202', status: 'retrying', reason: 'TARGET_UNAVAILABLE: HTTP 503' },
    ]);
    t.equal(report.differences.missing.length, 1);
    t.match(report.duplicates.foundInTarget, [
      { externalOrderId: '201', documentNumber: 'WEB-201', at: String },
    ]);
    t.equal(report.duplicates.foundInTarget.length, 1);
    t.same(report.duplicates.sharedDocuments, [
      { documentNumber: 'WEB-SAME', externalOrderIds: ['203', '204'] },
    ]);

    const detail = (
      await app.inject({ url: `/admin/v1/connections/${books}/orders/201/detail`, headers: AUTH })
    ).json();
    t.match(detail, {
      status: 'delivered',
      traceId,
      links: { document: { documentId: 'INV-201', documentNumber: 'WEB-201' }, traceId },
    });
    t.same(
      detail.attempts.map((a: { stage: string; outcome: string }) => [a.stage, a.outcome]),
      [['already_in_target', 'the target already has document WEB-201']],
    );

    // The activity log's time range: 203 arrived two days ago.
    await database.db
      .updateTable('order_summaries')
      .set({ received_at: new Date(Date.now() - 2 * 86_400_000) })
      .where('connection_id', '=', books)
      .where('external_order_id', '=', '203')
      .execute();
    const listed = async (query: string) =>
      (await app.inject({ url: `/admin/v1/connections/${books}/orders?${query}`, headers: AUTH }))
        .json()
        .items.map((o: { externalOrderId: string }) => o.externalOrderId);
    t.same(await listed(`from=${from}`), ['204', '202', '201'], 'from: received at or after');
    t.same(await listed(`to=${from}`), ['203'], 'to: received before');
    const threeDaysAgo = encodeURIComponent(new Date(Date.now() - 3 * 86_400_000).toISOString());
    t.same(await listed(`from=${threeDaysAgo}&to=${from}&status=delivered`), ['203'], 'with a status');
  },
);

t.test('the OpenAPI document describes the operations routes', async (t) => {
  const doc = (await app.inject({ url: '/openapi.json' })).json();
  for (const path of [
    '/admin/v1/connections/{id}/orders',
    '/admin/v1/connections/{id}/orders/{externalOrderId}/detail',
    '/admin/v1/connections/{id}/reconciliation',
    '/admin/v1/connections/{id}/dead-letters',
    '/admin/v1/connections/{id}/dead-letters/{deadLetterId}',
    '/admin/v1/connections/{id}/dead-letters/{deadLetterId}/replay',
    '/admin/v1/connections/{id}/dead-letters/replay',
    '/admin/v1/connections/{id}/pause',
    '/admin/v1/connections/{id}/resume',
  ]) {
    t.ok(doc.paths[path], path);
  }
  t.ok(doc.paths['/admin/v1/connections/{id}/dead-letters/{deadLetterId}/replay'].post.responses['409']);
});
