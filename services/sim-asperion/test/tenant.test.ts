import t from 'tap';
import { api, startSim } from './helpers.js';

t.test('tenant header: default, both spellings, unknown, forbidden, malformed', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const other = await sim.app.inject({
    method: 'POST',
    url: '/_control/administrations',
    payload: { id: 777, name: 'Other BV', grantToUserIds: [] },
  });
  t.equal(other.statusCode, 200, 'an administration the user has no access to');
  const granted = await sim.app.inject({
    method: 'POST',
    url: '/_control/administrations',
    payload: { id: 888, name: 'Second shop BV', grantToUserIds: ['user-demo'] },
  });
  t.equal(granted.statusCode, 200);

  const none = await api(sim, auth, 'GET', '/v1/debtors');
  t.equal(none.status, 200);
  t.match(
    none.body._meta,
    { administrationId: 12345, administrationName: 'Koppel Demo BV' },
    'default administration',
  );

  const dashed = await api(sim, { ...auth, 'x-tenant-id': '888' }, 'GET', '/v1/debtors');
  t.match(dashed.body._meta, { administrationId: 888, totalCount: 0 });
  const plain = await api(sim, { ...auth, 'x-tenantid': '888' }, 'GET', '/v1/debtors');
  t.match(plain.body._meta, { administrationId: 888 }, 'X-TenantId spelling accepted');

  const list = await api(sim, auth, 'GET', '/v1/administrations');
  t.same(
    (list.body._data as { id: number }[]).map((a) => a.id),
    [12345, 888],
    'administrations lists only accessible ones',
  );

  const unknown = await api(sim, { ...auth, 'x-tenant-id': '99999' }, 'GET', '/v1/debtors');
  t.equal(unknown.status, 403);
  t.match(unknown.body, { status: 403, title: 'Forbidden' });
  t.match(unknown.headers['content-type'], /^application\/json/);
  const forbidden = await api(sim, { ...auth, 'x-tenant-id': '777' }, 'GET', '/v1/debtors');
  t.equal(forbidden.status, 403, 'existing administration without access');
  const malformed = await api(sim, { ...auth, 'x-tenant-id': 'abc' }, 'GET', '/v1/debtors');
  t.equal(malformed.status, 400);
  t.ok((malformed.body.errors as Record<string, unknown>)['X-Tenant-Id']);
  const conflicting = await api(
    sim,
    { ...auth, 'x-tenant-id': '12345', 'x-tenantid': '888' },
    'GET',
    '/v1/debtors',
  );
  t.equal(conflicting.status, 400);
});

t.test('Accept-Language selects the message language; Dutch by default', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const { 'accept-language': _en, ...dutch } = auth;
  const nl = await api(sim, dutch, 'POST', '/v1/debtors', {});
  t.equal(nl.status, 400);
  t.match((nl.body.errors as Record<string, string[]>).name?.[0], /verplicht/);
  const en = await api(sim, auth, 'POST', '/v1/debtors', {});
  t.match((en.body.errors as Record<string, string[]>).name?.[0], /required/);
});
