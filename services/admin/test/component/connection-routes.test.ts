import { hashWebhookSecret } from '@koppel/db';
import t from 'tap';
import { AUTH, createConnection, newConnectionBody, setupAdmin, WEBHOOK_BASE } from './helpers.js';

const { app, database, cipher } = await setupAdmin(t);

const rawRow = (id: string) =>
  database.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

t.test('create answers 201 with the connection and its webhook secret, once', async (t) => {
  const res = await app.inject({
    method: 'POST',
    url: '/admin/v1/connections',
    headers: AUTH,
    payload: newConnectionBody('tenant-create'),
  });
  t.equal(res.statusCode, 201);
  const body = res.json();
  t.match(body, {
    id: String,
    tenantId: 'tenant-create',
    sourceSystem: 'webshop',
    targetSystem: 'books',
    ipAllowlist: ['203.0.113.7', '10.0.0.0/8'],
    rules: { statusFilter: { allowedPaymentStatuses: ['PAID'] }, extras: { costCenter: '100' } },
    settings: { tenantId: 12345, journal: 'VK' },
    sourceSettings: { shopName: 'demo-shop', polling: { enabled: false, intervalSeconds: 300 } },
    active: true,
    hasCredentials: true,
    credentialKeys: ['clientId', 'clientSecret'],
    sourceCredentialKeys: [],
  });
  t.notMatch(res.body, /very-secret-value/, 'no credential value in the answer');
  t.notOk('credentials' in body);
  t.notOk('webhookSecretHash' in body);
  const { secret, url } = body.webhook;
  t.equal(Buffer.from(secret, 'base64url').length, 32, '32 random bytes');
  t.equal(url, `${WEBHOOK_BASE.replace(/\/$/, '')}/webhooks/webshop/${body.id}/${secret}`);

  const row = await rawRow(body.id);
  t.equal(row.webhook_secret_hash, hashWebhookSecret(secret), 'only the hash is stored');
  t.notMatch(JSON.stringify(row), secret, 'the plain secret is not stored');

  const again = await app.inject({ url: `/admin/v1/connections/${body.id}`, headers: AUTH });
  t.equal(again.statusCode, 200);
  t.notOk('webhook' in again.json(), 'the secret is not shown again');
  t.notMatch(again.body, secret);
});

t.test('credentials are sealed at rest and open to what was sent', async (t) => {
  const created = await createConnection(app, 'tenant-sealed');
  const row = await rawRow(created.id);
  t.match(row.credentials_sealed, /^v1\./, 'sealed format');
  t.notMatch(row.credentials_sealed, /very-secret-value|clientSecret|client-1/, 'no plain text');
  t.same(cipher.open(row.credentials_sealed), { clientId: 'client-1', clientSecret: 'very-secret-value' });
});

t.test('GET lists and shows connections, never credential values', async (t) => {
  const a = await createConnection(app, 'tenant-list-a');
  const b = await createConnection(app, 'tenant-list-b', { sourceSystem: 'hookshop', sourceSettings: {} });
  const all = await app.inject({ url: '/admin/v1/connections', headers: AUTH });
  t.equal(all.statusCode, 200);
  const ids = all.json().connections.map((c: { id: string }) => c.id);
  t.ok(ids.includes(a.id) && ids.includes(b.id), 'both listed');
  t.notMatch(all.body, /very-secret-value/);

  const onlyB = await app.inject({ url: '/admin/v1/connections?tenantId=tenant-list-b', headers: AUTH });
  t.same(
    onlyB.json().connections.map((c: { id: string }) => c.id),
    [b.id],
    'tenant filter',
  );
  const one = await app.inject({ url: `/admin/v1/connections/${a.id}`, headers: AUTH });
  t.match(one.json(), { id: a.id, hasCredentials: true, credentialKeys: ['clientId', 'clientSecret'] });
  t.notMatch(one.body, /very-secret-value/);
});

t.test('GET of an unknown connection is 404 naming the id', async (t) => {
  const res = await app.inject({ url: '/admin/v1/connections/nope', headers: AUTH });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 'NOT_FOUND', field: 'params.id' });
});

t.test('PATCH changes the given fields and re-seals replaced credentials', async (t) => {
  const created = await createConnection(app, 'tenant-patch');
  const before = await rawRow(created.id);
  const res = await app.inject({
    method: 'PATCH',
    url: `/admin/v1/connections/${created.id}`,
    headers: AUTH,
    payload: {
      name: 'Renamed',
      active: false,
      ipAllowlist: [],
      rules: { overrides: { cod: 'REMBOURS' } },
      settings: { tenantId: 777, journal: 'VK2' },
      credentials: { clientId: 'client-2', clientSecret: 'new-secret-value' },
    },
  });
  t.equal(res.statusCode, 200);
  t.match(res.json(), {
    id: created.id,
    tenantId: 'tenant-patch',
    name: 'Renamed',
    active: false,
    ipAllowlist: [],
    rules: { overrides: { cod: 'REMBOURS' } },
    settings: { tenantId: 777, journal: 'VK2' },
    credentialKeys: ['clientId', 'clientSecret'],
  });
  t.notMatch(res.body, /new-secret-value/);
  const after = await rawRow(created.id);
  t.not(after.credentials_sealed, before.credentials_sealed, 're-sealed');
  t.same(
    cipher.open(after.credentials_sealed),
    { clientId: 'client-2', clientSecret: 'new-secret-value' },
    'replaced, not merged',
  );
  t.equal(after.webhook_secret_hash, before.webhook_secret_hash, 'webhook secret untouched');

  const partial = await app.inject({
    method: 'PATCH',
    url: `/admin/v1/connections/${created.id}`,
    headers: AUTH,
    payload: { active: true },
  });
  t.match(
    partial.json(),
    { name: 'Renamed', active: true, credentialKeys: ['clientId', 'clientSecret'] },
    'others kept',
  );

  const missing = await app.inject({
    method: 'PATCH',
    url: '/admin/v1/connections/nope',
    headers: AUTH,
    payload: { active: true },
  });
  t.equal(missing.statusCode, 404);
});

t.test('rotating the webhook secret shows a new one once and stores its hash', async (t) => {
  const created = await createConnection(app, 'tenant-rotate');
  const res = await app.inject({
    method: 'POST',
    url: `/admin/v1/connections/${created.id}/rotate-webhook-secret`,
    headers: AUTH,
  });
  t.equal(res.statusCode, 200);
  const { webhook, id } = res.json();
  t.equal(id, created.id);
  t.not(webhook.secret, created.webhook.secret, 'a new secret');
  t.match(webhook.url, new RegExp(`/webhooks/webshop/${created.id}/${webhook.secret}$`));
  const row = await rawRow(created.id);
  t.equal(row.webhook_secret_hash, hashWebhookSecret(webhook.secret));
  t.notMatch(res.body, /very-secret-value/);

  const missing = await app.inject({
    method: 'POST',
    url: '/admin/v1/connections/nope/rotate-webhook-secret',
    headers: AUTH,
  });
  t.equal(missing.statusCode, 404);
});
