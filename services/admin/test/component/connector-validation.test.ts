import { createPollScheduleRepository } from '@koppel/db';
import t from 'tap';
import { AUTH, createConnection, newConnectionBody, setupAdmin } from './helpers.js';

const { app, database, cipher } = await setupAdmin(t);
const schedules = createPollScheduleRepository(database.db);

const post = (payload: object) =>
  app.inject({ method: 'POST', url: '/admin/v1/connections', headers: AUTH, payload });
const patch = (id: string, payload: object) =>
  app.inject({ method: 'PATCH', url: `/admin/v1/connections/${id}`, headers: AUTH, payload });
const rawRow = (id: string) =>
  database.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** [body overrides, field, code] a connector's schema refuses. */
const refused: [Record<string, unknown>, string, string][] = [
  [{ settings: {} }, 'body.settings.tenantId', 'INVALID_SETTINGS'],
  [{ settings: { tenantId: 'twelve' } }, 'body.settings.tenantId', 'INVALID_SETTINGS'],
  [{ settings: { tenantId: 1, ledger: 8000 } }, 'body.settings.ledger', 'INVALID_SETTINGS'],
  [{ credentials: { clientId: 'client-1' } }, 'body.credentials.clientSecret', 'INVALID_CREDENTIALS'],
  [{ credentials: {} }, 'body.credentials.clientId', 'INVALID_CREDENTIALS'],
  [{ sourceSettings: { shopName: 'Not A Name' } }, 'body.sourceSettings.shopName', 'INVALID_SETTINGS'],
  [{ sourceSettings: {} }, 'body.sourceSettings.shopName', 'INVALID_SETTINGS'],
  [
    { sourceSettings: { shopName: 'demo', polling: { enabled: true, intervalSeconds: 5 } } },
    'body.sourceSettings.polling.intervalSeconds',
    'INVALID_SETTINGS',
  ],
  [{ sourceCredentials: { apiToken: 'short' } }, 'body.sourceCredentials.apiToken', 'INVALID_CREDENTIALS'],
  // A key the connector does not take (a typo) is refused rather than dropped in silence.
  [{ settings: { tenantId: 1, jounral: 'VK2' } }, 'body.settings.jounral', 'INVALID_SETTINGS'],
  [
    { credentials: { clientId: 'client-1', clientSecret: 'very-secret-value', clientSecrte: 'x' } },
    'body.credentials.clientSecrte',
    'INVALID_CREDENTIALS',
  ],
  [
    { sourceSettings: { shopName: 'demo', pollling: {} } },
    'body.sourceSettings.pollling',
    'INVALID_SETTINGS',
  ],
];

t.test('create: a connector refusing settings or credentials is 422 naming the field', async (t) => {
  for (const [overrides, field, code] of refused) {
    const res = await post(newConnectionBody('tenant-422', overrides));
    t.equal(res.statusCode, 422, field);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { status: 422, code, field, details: { issues: [{ field }] } }, field);
  }
  const list = await app.inject({ url: '/admin/v1/connections?tenantId=tenant-422', headers: AUTH });
  t.same(list.json().connections, [], 'nothing stored');
});

t.test('an unknown key is named with the keys the connector knows', async (t) => {
  const res = await post(newConnectionBody('tenant-typo', { settings: { tenantId: 1, jounral: 'VK2' } }));
  t.equal(res.statusCode, 422);
  t.match(res.json().detail, /body\.settings\.jounral: not a .+ settings key \(known: .*journal.*tenantId/);
});

t.test('a refused credential is never echoed back', async (t) => {
  const res = await post(
    newConnectionBody('t', { credentials: { clientId: 'c', clientSecret: 42_424_242 } }),
  );
  t.equal(res.statusCode, 422);
  t.match(res.json(), { field: 'body.credentials.clientSecret' });
  t.notMatch(res.body, /42424242/);
});

t.test('patch: the merged result is validated and the same fields are named', async (t) => {
  const created = await createConnection(app, 'tenant-patch-422');
  for (const [overrides, field, code] of refused) {
    const res = await patch(created.id, overrides);
    t.equal(res.statusCode, 422, field);
    t.match(res.json(), { status: 422, code, field }, field);
  }
  const settingsOnly = await patch(created.id, { settings: { journal: 'VK2' } });
  t.match(settingsOnly.json(), { field: 'body.settings.tenantId' }, 'patched settings replace, not merge');
  const row = await rawRow(created.id);
  t.same(row.settings, { tenantId: 12345, journal: 'VK' }, 'nothing changed');
  t.same(cipher.open(row.credentials_sealed), { clientId: 'client-1', clientSecret: 'very-secret-value' });
});

t.test('parsed values are stored (defaults filled in, numbers coerced)', async (t) => {
  const created = await createConnection(app, 'tenant-parsed', {
    settings: { tenantId: '42' },
    sourceCredentials: { apiToken: 'token-value-123' },
  });
  t.match(created, {
    settings: { tenantId: 42, journal: 'VK' },
    sourceSettings: { shopName: 'demo-shop', polling: { enabled: false, intervalSeconds: 300 } },
    credentialKeys: ['clientId', 'clientSecret'],
    sourceCredentialKeys: ['apiToken'],
  });
  t.notMatch(JSON.stringify(created), /token-value-123/, 'source credential values are never shown');
  const row = await rawRow(created.id);
  t.same(row.settings, { tenantId: 42, journal: 'VK' });
  t.same(cipher.open(row.source_credentials_sealed), { apiToken: 'token-value-123' });

  const patched = await patch(created.id, { sourceCredentials: { apiToken: 'other-token-456' } });
  t.equal(patched.statusCode, 200);
  t.match(patched.json(), {
    sourceCredentialKeys: ['apiToken'],
    credentialKeys: ['clientId', 'clientSecret'],
  });
  t.notMatch(patched.body, /other-token-456/);
  t.same(cipher.open((await rawRow(created.id)).source_credentials_sealed), { apiToken: 'other-token-456' });
  const shown = await app.inject({ url: `/admin/v1/connections/${created.id}`, headers: AUTH });
  t.notMatch(shown.body, /other-token-456|very-secret-value/);
});

t.test('a poll schedule is ensured when the source polls and its settings turn polling on', async (t) => {
  const off = await createConnection(app, 'tenant-poll-off');
  t.equal(await schedules.find(off.id), undefined, 'polling off: no schedule');

  const on = await createConnection(app, 'tenant-poll-on', {
    sourceSettings: { shopName: 'demo', polling: { enabled: true, intervalSeconds: 120 } },
  });
  const schedule = await schedules.find(on.id);
  t.match(schedule, { intervalSeconds: 120, cursor: /^since:/ }, 'initial cursor of the poller');

  await patch(off.id, {
    sourceSettings: { shopName: 'demo', polling: { enabled: true, intervalSeconds: 60 } },
  });
  t.match(await schedules.find(off.id), { intervalSeconds: 60 }, 'patch turning polling on creates it');

  await patch(on.id, {
    sourceSettings: { shopName: 'demo', polling: { enabled: true, intervalSeconds: 600 } },
  });
  t.match(await schedules.find(on.id), { intervalSeconds: 600, cursor: schedule?.cursor }, 'cursor kept');

  const hook = await createConnection(app, 'tenant-hook', { sourceSystem: 'hookshop', sourceSettings: {} });
  t.equal(await schedules.find(hook.id), undefined, 'a source without poller has no schedule');
});

t.test('a patch leaving a side alone does not re-validate it', async (t) => {
  const created = await createConnection(app, 'tenant-stale');
  // Stored settings a newer connector schema no longer accepts.
  await database.db
    .updateTable('connections')
    .set({ settings: JSON.stringify({ journal: 'VK' }) })
    .where('id', '=', created.id)
    .execute();
  const renamed = await patch(created.id, { name: 'Still renamable', active: false });
  t.equal(renamed.statusCode, 200, 'rename and deactivate still work');
  const sourceOnly = await patch(created.id, { sourceSettings: { shopName: 'other' } });
  t.equal(sourceOnly.statusCode, 200, 'the source side is validated on its own');
  const credentialsOnly = await patch(created.id, { credentials: { clientId: 'a', clientSecret: 'b' } });
  t.match(
    credentialsOnly.json(),
    { status: 422, field: 'body.settings.tenantId' },
    'merged with stale settings',
  );
});

t.test('an unknown system is 400 naming it; only registered systems are offered', async (t) => {
  for (const [overrides, field] of [
    [{ sourceSystem: 'shoprenter' }, 'body.sourceSystem'],
    [{ targetSystem: 'asperion' }, 'body.targetSystem'],
  ] as const) {
    const res = await post(newConnectionBody('t', overrides));
    t.equal(res.statusCode, 400, field);
    t.match(res.json(), { code: 'VALIDATION_FAILED', field }, field);
  }
});
