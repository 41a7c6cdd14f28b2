import t from 'tap';
import { AUTH, createConnection, newConnectionBody, setupAdmin } from './helpers.js';

const { app } = await setupAdmin(t);

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/admin/v1/connections', headers: AUTH, payload: payload as object });

t.test('bad input is 400 problem+json naming the field at fault', async (t) => {
  const cases: [Record<string, unknown>, string][] = [
    [newConnectionBody('t', { targetSystem: 'exact' }), 'body.targetSystem'],
    [newConnectionBody('t', { sourceSystem: 'woocommerce' }), 'body.sourceSystem'],
    [newConnectionBody('t', { tenantId: '' }), 'body.tenantId'],
    [newConnectionBody('t', { ipAllowlist: ['10.0.0.1', '10.0.0.0/33'] }), 'body.ipAllowlist[1]'],
    [newConnectionBody('t', { ipAllowlist: ['not-an-ip'] }), 'body.ipAllowlist[0]'],
    [newConnectionBody('t', { credentials: 'secret' }), 'body.credentials'],
    [
      newConnectionBody('t', { rules: { statusFilter: { allowedStatuses: 'PAID' } } }),
      'body.rules.statusFilter.allowedStatuses',
    ],
    [newConnectionBody('t', { rules: { extras: { a: 1 } } }), 'body.rules.extras.a'],
    [newConnectionBody('t', { rules: { typo: true } }), 'body.rules.typo'],
    [newConnectionBody('t', { webhookSecretHash: 'x' }), 'body.webhookSecretHash'],
  ];
  for (const [payload, field] of cases) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, field);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { status: 400, code: 'VALIDATION_FAILED', field }, field);
  }
  const { credentials: _omitted, ...withoutCredentials } = newConnectionBody('t');
  t.match((await post(withoutCredentials)).json(), { field: 'body.credentials' }, 'credentials are required');
});

t.test('every problem is listed, the first names the field', async (t) => {
  const res = await post({ tenantId: 't', name: 'n', sourceSystem: 'nope', targetSystem: 'nope' });
  t.equal(res.statusCode, 400);
  const body = res.json();
  t.equal(body.field, 'body.sourceSystem');
  t.same(
    body.details.issues.map((i: { field: string }) => i.field),
    ['body.sourceSystem', 'body.targetSystem', 'body.credentials'],
  );
});

t.test('malformed JSON and empty PATCH bodies are rejected', async (t) => {
  const malformed = await app.inject({
    method: 'POST',
    url: '/admin/v1/connections',
    headers: { ...AUTH, 'content-type': 'application/json' },
    payload: '{"tenantId":',
  });
  t.equal(malformed.statusCode, 400);
  t.match(malformed.json(), { code: 'MALFORMED_BODY', field: 'body' });

  const created = await createConnection(app, 'tenant-validation');
  const patch = (payload: object) =>
    app.inject({ method: 'PATCH', url: `/admin/v1/connections/${created.id}`, headers: AUTH, payload });
  t.match((await patch({})).json(), { status: 400, field: 'body' }, 'nothing to change');
  t.match((await patch({ active: 'yes' })).json(), { status: 400, field: 'body.active' });
  t.match((await patch({ tenantId: 'other' })).json(), { status: 400, field: 'body.tenantId' }, 'immutable');
  t.match((await patch({ sourceSystem: 'hookshop' })).json(), { status: 400, field: 'body.sourceSystem' });
});

t.test('unknown query parameters are rejected', async (t) => {
  const res = await app.inject({ url: '/admin/v1/connections?tenant=x', headers: AUTH });
  t.equal(res.statusCode, 400);
  t.match(res.json(), { field: 'query.tenant' });
});
