import t from 'tap';
import { AUTH, createConnection, setupAdmin } from './helpers.js';

const { app, database } = await setupAdmin(t, { checkTimeoutMs: 300 });

const check = (id: string) =>
  app.inject({ method: 'POST', url: `/admin/v1/connections/${id}/check`, headers: AUTH });
type Finding = { subject: string; ok: boolean; message: string };
const bySubject = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.subject, f]));

t.test(
  'a working connection answers ok with one finding per credential and setting, both sides',
  async (t) => {
    const created = await createConnection(app, 'tenant-check-ok', {
      sourceCredentials: { apiToken: 'token-12345' },
    });
    const res = await check(created.id);
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.equal(body.ok, true);
    t.same(
      body.findings.map((f: Finding) => f.subject),
      [
        'target.credentials.clientId',
        'target.credentials.clientSecret',
        'target.settings.tenantId',
        'source.credentials.apiToken',
      ],
    );
    t.notMatch(res.body, /very-secret-value|token-12345/, 'no credential values');
  },
);

t.test('a failing credential is a finding in plain words, not an error', async (t) => {
  const created = await createConnection(app, 'tenant-check-wrong', {
    credentials: { clientId: 'client-1', clientSecret: 'wrong' },
  });
  const res = await check(created.id);
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.ok, false);
  const findings = bySubject(body.findings);
  t.match(findings['target.credentials.clientSecret'], { ok: false, message: /client secret is wrong/ });
  t.match(findings['source.credentials.apiToken'], { ok: false, message: /No API token/ });
  t.match(findings['target.credentials.clientId'], { ok: true });
});

t.test('stored settings that no longer parse give a finding naming the setting', async (t) => {
  const created = await createConnection(app, 'tenant-check-stale');
  await database.db
    .updateTable('connections')
    .set({
      settings: JSON.stringify({ journal: 'VK' }),
      source_settings: JSON.stringify({ shopName: 'Bad Name' }),
    })
    .where('id', '=', created.id)
    .execute();
  const res = await check(created.id);
  t.equal(res.statusCode, 200);
  const findings = bySubject(res.json().findings);
  t.match(findings['target.settings.tenantId'], { ok: false, message: /Test Books setting "tenantId"/ });
  t.match(findings['source.settings.shopName'], { ok: false, message: /Test Shop setting "shopName"/ });
});

t.test('a check that throws or hangs becomes a finding', async (t) => {
  const exploding = await createConnection(app, 'tenant-check-throws', {
    credentials: { clientId: 'c', clientSecret: 'explode' },
  });
  const thrown = await check(exploding.id);
  t.equal(thrown.statusCode, 200);
  t.match(bySubject(thrown.json().findings).target, { ok: false, message: /answered 500/ });

  const slow = await createConnection(app, 'tenant-check-slow', {
    credentials: { clientId: 'c', clientSecret: 'slow' },
  });
  const timedOut = await check(slow.id);
  t.equal(timedOut.statusCode, 200);
  t.match(timedOut.json(), { ok: false });
  t.match(bySubject(timedOut.json().findings).target, { ok: false, message: /did not answer within/ });
});

t.test('a source without a check still says whether its stored settings parse', async (t) => {
  const hook = await createConnection(app, 'tenant-check-hook', {
    sourceSystem: 'hookshop',
    sourceSettings: {},
  });
  const ok = await check(hook.id);
  t.equal(ok.json().ok, true);
  t.notOk(
    ok.json().findings.some((f: Finding) => f.subject.startsWith('source')),
    'nothing to report',
  );
  await database.db
    .updateTable('connections')
    .set({ source_settings: JSON.stringify({ storeId: '' }) })
    .where('id', '=', hook.id)
    .execute();
  const stale = await check(hook.id);
  t.match(bySubject(stale.json().findings)['source.settings.storeId'], { ok: false, message: /Hook Shop/ });
});

t.test('checking an unknown connection is 404', async (t) => {
  const res = await check('nope');
  t.equal(res.statusCode, 404);
  t.match(res.json(), { code: 'NOT_FOUND', field: 'params.id' });
});
