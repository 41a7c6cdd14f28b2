import { sql } from 'kysely';
import t from 'tap';
import { createTenantKey } from '../support/tenant-api-key.js';
import { orderRowsText, type SeededOrder, seedOrder } from '../support/tenant-data-seed.js';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

// Real Postgres, one isolated database for the file.
const { app, database } = await setupAdmin(t);
const db = database.db;

const createKey = (tenantId: string, label: string) => createTenantKey(app, AUTH, tenantId, label);
const keyA = await createKey('tenant-a', 'tenant A privacy desk');
const keyB = await createKey('tenant-b', 'tenant B ops');
const connA1 = (await createConnection(app, 'tenant-a')).id;
const connA2 = (await createConnection(app, 'tenant-a')).id;
const connB = (await createConnection(app, 'tenant-b')).id;

const EMAIL = 'anna.devries@example.nl';
const customer = async (tenantId: string, email: string) => {
  const id = `cust-${tenantId}-${email}`;
  await db
    .insertInto('customers')
    .values({
      id,
      tenant_id: tenantId,
      normalized_email: email,
      kind: 'person',
      display_name: 'Anna de Vries',
      company_name: '',
      first_name: 'Anna',
      last_name: 'de Vries',
      phone: '+31 6 1234 5678',
      vat_number: '',
    })
    .execute();
  return id;
};
const bind = (connectionId: string, customerId: string) =>
  db
    .insertInto('debtor_bindings')
    .values({
      connection_id: connectionId,
      customer_id: customerId,
      target_debtor_id: 'D-1',
      claimed_until: null,
    })
    .execute();

const erase = (tenantId: string, email: string, headers: Record<string, string> = AUTH) =>
  app.inject({ method: 'POST', url: `/admin/v1/tenants/${tenantId}/erasure`, headers, payload: { email } });

let annaA: SeededOrder[] = [];
let annaB: SeededOrder;
let otherCustomer: SeededOrder;
t.before(async () => {
  const idA = await customer('tenant-a', EMAIL);
  const idB = await customer('tenant-b', EMAIL);
  await customer('tenant-a', 'piet@example.nl');
  await bind(connA1, idA);
  await bind(connA2, idA);
  await bind(connB, idB);
  annaA = [
    await seedOrder(db, connA1, '101', { email: EMAIL }),
    await seedOrder(db, connA2, '7', { email: EMAIL, published: false }),
  ];
  annaB = await seedOrder(db, connB, '101', { email: EMAIL });
  otherCustomer = await seedOrder(db, connA1, '102', { email: 'piet@example.nl' });
  await db
    .insertInto('parked_records')
    .values({
      group_id: 'delivery',
      topic: 'orders.resolved',
      key: annaA[1]?.key ?? '',
      partition: 0,
      offset: '5',
      value: new TextEncoder().encode(EMAIL),
      headers: '{}',
      attempts: 1,
      last_error: null,
    })
    .execute();
  await db
    .insertInto('notification_state')
    .values([
      { connection_id: connA1, problem_key: 'dead:TARGET_REJECTED', last_message: `debtor ${EMAIL} refused` },
      { connection_id: connB, problem_key: 'dead:TARGET_REJECTED', last_message: `debtor ${EMAIL} refused` },
    ])
    .execute();
});

t.test('a tenant key cannot erase in another tenant', async (t) => {
  const response = await erase('tenant-a', EMAIL, keyB.headers);
  t.equal(response.statusCode, 403);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.match(response.json(), { code: 'FORBIDDEN', field: 'params.tenantId' });
  t.ok((await orderRowsText(db, annaA[0] as SeededOrder)).includes(EMAIL), 'nothing was erased');

  const invalid = await erase('tenant-a', 'not an address', keyA.headers);
  t.equal(invalid.statusCode, 400);
  t.match(invalid.json(), { code: 'VALIDATION_FAILED', field: 'body.email' });
  t.notOk(invalid.body.includes('not an address'), 'the input is not echoed');
});

t.test('erasure across every table of the tenant, with counts and order ids', async (t) => {
  const response = await erase('tenant-a', '  Anna.deVries@EXAMPLE.nl ', keyA.headers);
  t.equal(response.statusCode, 200, response.body);
  const body = response.json<{
    found: boolean;
    erased: Record<string, number>;
    orders: { connectionId: string; externalOrderId: string }[];
    auditEntryId: string;
  }>();
  t.equal(body.found, true);
  t.same(body.erased, {
    customers: 1,
    debtorBindings: 2,
    orderSummaries: 2,
    orderJourney: 8,
    deadLetters: 2,
    deliveryLedger: 2,
    busRecords: 2,
    parkedRecords: 1,
    notificationState: 1,
  });
  t.same(
    body.orders,
    [
      { connectionId: connA1, externalOrderId: '101' },
      { connectionId: connA2, externalOrderId: '7' },
    ].sort((a, b) => a.connectionId.localeCompare(b.connectionId)),
  );
  for (const order of annaA) {
    const text = await orderRowsText(db, order);
    t.notOk(text.toLowerCase().includes(EMAIL), `order ${order.externalOrderId}: no e-mail left`);
    t.notOk(text.includes('de Vries'), `order ${order.externalOrderId}: no name left`);
  }
  const summary = await db
    .selectFrom('order_summaries')
    .selectAll()
    .where('connection_id', '=', connA1)
    .where('external_order_id', '=', '101')
    .executeTakeFirstOrThrow();
  t.match(summary, { customer_email: null, document_number: 'WEB-101', order_number: 'N-101' }, 'links stay');
  const ledger = await db
    .selectFrom('delivery_ledger')
    .selectAll()
    .where('connection_id', '=', connA1)
    .execute();
  t.same(ledger.map((l) => l.document_number).sort(), ['WEB-101', 'WEB-102'], 'the ledger still counts');
  t.equal(
    (await db.selectFrom('inbox').select('id').where('connection_id', 'in', [connA1, connA2]).execute())
      .length,
    3,
    'inbox rows (event keys only) stay: a re-sent webhook is still a duplicate',
  );

  t.ok(
    (await orderRowsText(db, annaB)).includes(EMAIL),
    "tenant B's customer with the same e-mail is untouched",
  );
  t.ok(
    await db.selectFrom('customers').select('id').where('tenant_id', '=', 'tenant-b').executeTakeFirst(),
    "tenant B's customer record stays",
  );
  const notices = await db
    .selectFrom('notification_state')
    .select(['connection_id', 'last_message'])
    .orderBy('connection_id')
    .execute();
  t.same(
    Object.fromEntries(notices.map((n) => [n.connection_id, n.last_message])),
    { [connA1]: 'debtor [REDACTED] refused', [connB]: `debtor ${EMAIL} refused` },
    "the tenant's notice is masked, the other tenant's is not",
  );
  t.ok(
    (await orderRowsText(db, otherCustomer)).includes('piet@example.nl'),
    "another customer's order stays",
  );

  const log = await app.inject({ url: '/admin/v1/tenants/tenant-a/audit-log', headers: keyA.headers });
  t.equal(log.statusCode, 200);
  const entry = log.json<{ items: Record<string, unknown>[] }>().items[0];
  t.match(entry, {
    id: body.auditEntryId,
    action: 'erasure',
    tenantId: 'tenant-a',
    actor: { keyId: keyA.id, label: 'tenant A privacy desk' },
    subjectHash: /^[0-9a-f]{64}$/,
    details: { erased: { customers: 1, orderJourney: 8 }, orders: 2 },
  });
  t.notOk(log.body.toLowerCase().includes('anna'), 'the audit log never holds the e-mail');
  const foreignLog = await app.inject({ url: '/admin/v1/tenants/tenant-a/audit-log', headers: keyB.headers });
  t.equal(foreignLog.statusCode, 403, "another tenant's key cannot read it");
});

t.test('a second erasure finds nothing and says so', async (t) => {
  const response = await erase('tenant-a', EMAIL);
  t.equal(response.statusCode, 200);
  const body = response.json<{
    found: boolean;
    message: string;
    erased: Record<string, number>;
    orders: [];
  }>();
  t.equal(body.found, false);
  t.match(body.message, /nothing/);
  t.same(Object.values(body.erased), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  t.same(body.orders, []);
  const log = await app.inject({ url: '/admin/v1/tenants/tenant-a/audit-log?limit=2', headers: AUTH });
  const items = log.json<{
    items: { subjectHash: string; actor: { keyId: string | null; label: string } }[];
  }>().items;
  t.equal(items.length, 2, 'both erasures are audited');
  t.equal(items[0]?.subjectHash, items[1]?.subjectHash, 'the same subject hashes alike');
  t.match(items[0]?.actor, { keyId: null, label: /^operator key \(ADMIN_API_KEYS\) sha256:[0-9a-f]{12}$/ });
});

t.test('once both tenants erased her, no table of the database holds the address', async (t) => {
  t.equal((await erase('tenant-b', EMAIL)).statusCode, 200);
  // Every row of every table as text (bytea shows as hex), searched for the address.
  const hex = Buffer.from(EMAIL, 'utf8').toString('hex');
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  t.ok(tables.rows.length > 20, `${tables.rows.length} tables searched`);
  const holding: string[] = [];
  for (const { name } of tables.rows) {
    const found = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(name)} r
      where strpos(lower(r::text), ${EMAIL}) > 0 or strpos(r::text, ${hex}) > 0`.execute(db);
    if (Number(found.rows[0]?.n ?? 0) > 0) holding.push(name);
  }
  t.same(holding, [], 'the address is in no row of any table (order_summaries.status_reason masked too)');
});
