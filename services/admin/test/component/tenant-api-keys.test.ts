import { createPostgresDatabase, createJourneyRepository } from '@koppel/db';
import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

// Real Postgres: one isolated database, dropped at the end.
const isolated = await createIsolatedDatabase((await resolveInfrastructure()).databaseUrl);
t.teardown(() => isolated.drop());
const { app, database } = await setupAdmin(t, {
  open: async () => createPostgresDatabase(isolated.url),
  authFailurePolicy: { perAddress: 3, windowSeconds: 120 },
});
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function createKey(headers: Record<string, string>, body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/admin/v1/api-keys', headers, payload: body });
}

const a = await createConnection(app, 'tenant-a');
const b = await createConnection(app, 'tenant-b');
await createJourneyRepository(database.db).record(b.id, '9001', 'received', {});
await createJourneyRepository(database.db).record(a.id, '9002', 'received', {});
const keyA = (await createKey(AUTH, { tenantId: 'tenant-a', label: 'A ops' })).json<{
  id: string;
  key: string;
}>();

t.test('keys are created (shown once), listed without the key, and revoked', async (t) => {
  const created = await createKey(AUTH, { tenantId: 'tenant-c', label: 'C ops' });
  t.equal(created.statusCode, 201);
  const body = created.json();
  t.match(body, {
    id: String,
    key: /^kpl_/,
    label: 'C ops',
    tenantId: 'tenant-c',
    operator: false,
    lastUsedAt: null,
  });
  t.equal(
    (await app.inject({ url: '/admin/v1/connections', headers: bearer(body.key) })).statusCode,
    200,
    'the key works',
  );

  const list = await app.inject({ url: '/admin/v1/api-keys', headers: AUTH });
  t.equal(list.statusCode, 200);
  const listed = list.json().apiKeys.find((k: { id: string }) => k.id === body.id);
  t.match(listed, { label: 'C ops', tenantId: 'tenant-c', lastUsedAt: String }, 'listed, with its last use');
  t.notOk(list.body.includes(body.key), 'the key is never shown again');
  const stored = await database.db
    .selectFrom('api_keys')
    .select('key_hash')
    .where('id', '=', body.id)
    .executeTakeFirstOrThrow();
  t.not(stored.key_hash, body.key, 'stored hashed');
  t.match(stored.key_hash, /^[0-9a-f]{64}$/);

  const revoked = await app.inject({ method: 'DELETE', url: `/admin/v1/api-keys/${body.id}`, headers: AUTH });
  t.equal(revoked.statusCode, 204);
  const after = await app.inject({ url: '/admin/v1/connections', headers: bearer(body.key) });
  t.equal(after.statusCode, 401, 'a revoked key is refused');
  t.match(after.json(), { code: 'UNAUTHENTICATED' });
  const again = await app.inject({ method: 'DELETE', url: `/admin/v1/api-keys/${body.id}`, headers: AUTH });
  t.equal(again.statusCode, 404, 'revoked once');
});

t.test("a tenant's key sees only its tenant", async (t) => {
  const headers = bearer(keyA.key);
  const list = await app.inject({ url: '/admin/v1/connections', headers });
  t.same(
    list.json().connections.map((c: { id: string }) => c.id),
    [a.id],
    'lists only its connections',
  );
  const asked = await app.inject({ url: '/admin/v1/connections?tenantId=tenant-b', headers });
  t.same(asked.json().connections, [], "asking for another tenant's list gives nothing");
  t.equal((await app.inject({ url: `/admin/v1/connections/${a.id}`, headers })).statusCode, 200);
  t.equal((await app.inject({ url: `/admin/v1/connections/${a.id}/orders/9002`, headers })).statusCode, 200);
  const foreign: [string, string][] = [
    ['GET', `/admin/v1/connections/${b.id}`],
    ['PATCH', `/admin/v1/connections/${b.id}`],
    ['POST', `/admin/v1/connections/${b.id}/rotate-webhook-secret`],
    ['GET', `/admin/v1/connections/${b.id}/orders/9001`],
    ['GET', `/admin/v1/connections/${b.id}/cursor`],
    ['POST', `/admin/v1/connections/${b.id}/poll-now`],
    ['POST', `/admin/v1/connections/${b.id}/check`],
  ];
  for (const [method, url] of foreign) {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
    });
    t.equal(res.statusCode, 404, `${method} ${url}: 404`);
    t.match(res.json(), { code: 'NOT_FOUND', field: 'params.id' });
  }
  const other = await app.inject({
    method: 'POST',
    url: '/admin/v1/connections',
    headers,
    payload: { ...(await import('./helpers.js')).newConnectionBody('tenant-b') },
  });
  t.equal(other.statusCode, 403, 'creating a connection for another tenant is forbidden');
  t.equal(
    (await createKey(headers, { tenantId: 'tenant-b', label: 'x' })).statusCode,
    403,
    'no keys for other tenants',
  );
  t.equal((await createKey(headers, { operator: true, label: 'x' })).statusCode, 403, 'no operator keys');
  const own = await createKey(headers, { tenantId: 'tenant-a', label: 'A second' });
  t.equal(own.statusCode, 201, 'keys of its own tenant');
  const keys = (await app.inject({ url: '/admin/v1/api-keys', headers })).json().apiKeys;
  t.ok(
    keys.every((k: { tenantId: string }) => k.tenantId === 'tenant-a'),
    "lists only its tenant's keys",
  );
  const operatorKey = (await createKey(AUTH, { operator: true, label: 'ops' })).json();
  t.equal(operatorKey.operator, true);
  t.equal(
    (await app.inject({ method: 'DELETE', url: `/admin/v1/api-keys/${operatorKey.id}`, headers })).statusCode,
    404,
    'cannot revoke an operator key',
  );
  t.equal(
    (await app.inject({ url: `/admin/v1/connections/${b.id}`, headers: bearer(operatorKey.key) })).statusCode,
    200,
    'an operator key sees all',
  );
});

t.test('wrong keys from one address: 401 until the limit, then 429 with Retry-After', async (t) => {
  const from = (remoteAddress: string, key: string) =>
    app.inject({ url: '/admin/v1/connections', headers: bearer(key), remoteAddress });
  for (let i = 0; i < 3; i++) t.equal((await from('198.51.100.9', `wrong-${i}`)).statusCode, 401);
  const refused = await from('198.51.100.9', 'wrong-4');
  t.equal(refused.statusCode, 429);
  t.match(refused.json(), { code: 'AUTH_RATE_LIMITED', status: 429 });
  t.ok(Number(refused.headers['retry-after']) >= 1, 'Retry-After');
  t.equal((await from('198.51.100.9', keyA.key)).statusCode, 429, 'even the right key, while blocked');
  t.equal((await from('198.51.100.10', keyA.key)).statusCode, 200, 'other addresses are served');
});
