import t from 'tap';
import { api, startSim } from './helpers.js';

type Debtor = { id: number; customerNumber: string; name: string; emailAddress: string };

t.test('create debtor: auto customer number, validateOnly, duplicates, validation', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const body = {
    name: 'Bakkerij Smit',
    attentionTo: 'J. Smit',
    address: 'Molenweg 1',
    postCode: '3511 AB',
    city: 'Utrecht',
    countryCode: 'nl',
    emailAddress: 'info@smit.example',
    paymentConditionId: 1,
  };
  const dry = await api(sim, auth, 'POST', '/v1/debtors?validateOnly=true', body);
  t.equal(dry.status, 200);
  t.equal(dry.body.name, 'Bakkerij Smit');
  const after = await api(sim, auth, 'GET', '/v1/debtors?EmailAddress=smit.example');
  t.equal((after.body._meta as { totalCount: number }).totalCount, 0, 'validateOnly stores nothing');

  const created = await api(sim, auth, 'POST', '/v1/debtors', body);
  t.equal(created.status, 201);
  const debtor = created.body as unknown as Debtor & { countryCode: string; _meta: { self: string } };
  t.equal(debtor.customerNumber, '10003', 'next number after the seeded 10001/10002');
  t.equal(debtor.countryCode, 'NL');
  t.ok(debtor.id > 0);
  t.equal(created.headers.location, debtor._meta.self);

  const dup = await api(sim, auth, 'POST', '/v1/debtors', { name: 'Other', customerNumber: '10003' });
  t.equal(dup.status, 400);
  t.ok((dup.body.errors as Record<string, string[]>).customerNumber, 'errors names customerNumber');

  const withId = await api(sim, auth, 'POST', '/v1/debtors', { id: 55, name: 'X' });
  t.ok((withId.body.errors as Record<string, string[]>).id, 'id must be omitted');
  const zeroId = await api(sim, auth, 'POST', '/v1/debtors', {
    id: 0,
    customerNumber: '',
    name: 'Go zero values',
    paymentConditionId: 0,
  });
  t.equal(zeroId.status, 201, 'Go zero values mean "not set"');

  const invalid = await api(sim, auth, 'POST', '/v1/debtors', {
    name: '',
    emailAddress: 'not-an-email',
    countryCode: 'Netherlands',
    paymentConditionId: 99,
    directDebit: 'yes',
  });
  t.equal(invalid.status, 400);
  t.same(Object.keys(invalid.body.errors as object), ['directDebit'], 'type errors are reported first');
  const invalid2 = await api(sim, auth, 'POST', '/v1/debtors', {
    name: '',
    emailAddress: 'not-an-email',
    countryCode: 'Netherlands',
    paymentConditionId: 99,
  });
  t.same(Object.keys(invalid2.body.errors as object).sort(), [
    'countryCode',
    'emailAddress',
    'name',
    'paymentConditionId',
  ]);
  t.match(invalid2.body, {
    title: 'One or more validation errors occurred.',
    status: 400,
    traceId: /^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/,
  });
});

t.test('lookup by e-mail: Contains by default, Equals when asked', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  await api(sim, auth, 'POST', '/v1/debtors', { name: 'A', emailAddress: 'jan@shop.example' });
  await api(sim, auth, 'POST', '/v1/debtors', { name: 'B', emailAddress: 'marjan@shop.example' });
  const contains = await api(sim, auth, 'GET', '/v1/debtors?EmailAddress=jan@shop.example');
  t.same((contains.body._data as Debtor[]).map((d) => d.name).sort(), ['A', 'B'], 'Contains matches both');
  const equals = await api(
    sim,
    auth,
    'GET',
    '/v1/debtors?EmailAddress=JAN@shop.example&EmailAddress_comparison=Equals',
  );
  t.same(
    (equals.body._data as Debtor[]).map((d) => d.name),
    ['A'],
    'Equals, case-insensitive',
  );
  const byNumber = await api(
    sim,
    auth,
    'GET',
    '/v1/debtors?CustomerNumber=10001&CustomerNumber_comparison=Equals',
  );
  t.equal((byNumber.body._data as Debtor[])[0]?.name, 'Jansen BV');
  const byVat = await api(sim, auth, 'GET', '/v1/debtors?VatNumber=NL001234567B01');
  t.equal((byVat.body._meta as { totalCount: number }).totalCount, 1);
  const badComparison = await api(sim, auth, 'GET', '/v1/debtors?Name=a&Name_comparison=Like');
  t.equal(badComparison.status, 400);
  t.ok((badComparison.body.errors as Record<string, unknown>).Name_comparison);
});

t.test('pagination across pages', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  for (let i = 0; i < 23; i++) await api(sim, auth, 'POST', '/v1/debtors', { name: `Klant ${i}` });
  const seen: number[] = [];
  let url: string | null = '/v1/debtors?pageSize=10';
  let pages = 0;
  while (url) {
    const res = await api(sim, auth, 'GET', url);
    const meta = res.body._meta as {
      totalCount: number;
      pageCount: number;
      nextPage: string | null;
      previousPage: string | null;
    };
    t.equal(meta.totalCount, 25);
    t.equal(meta.pageCount, 3);
    if (pages === 0) t.equal(meta.previousPage, null);
    seen.push(...(res.body._data as Debtor[]).map((d) => d.id));
    pages += 1;
    url = meta.nextPage ? new URL(meta.nextPage).pathname + new URL(meta.nextPage).search : null;
  }
  t.equal(pages, 3);
  t.equal(new Set(seen).size, 25, 'every debtor exactly once');
  const defaultSize = await api(sim, auth, 'GET', '/v1/debtors');
  t.equal((defaultSize.body._data as unknown[]).length, 25, 'default page size 25');
  const tooBig = await api(sim, auth, 'GET', '/v1/debtors?pageSize=1000');
  t.equal(tooBig.status, 400);
  t.ok((tooBig.body.errors as Record<string, unknown>).pageSize);
  const metaOnly = await api(sim, auth, 'GET', '/v1/debtors?metaOnly=true');
  t.same(metaOnly.body._data, []);
  const sorted = await api(sim, auth, 'GET', '/v1/debtors?orderBy=name desc&pageSize=1&fields=name');
  t.same(Object.keys((sorted.body._data as object[])[0] ?? {}).sort(), ['_meta', 'name']);
});

t.test('PUT replaces a debtor; 404 for unknown ids', async (t) => {
  const { sim, auth } = await startSim();
  t.teardown(() => sim.app.close());
  const put = await api(sim, auth, 'PUT', '/v1/debtors/1', {
    name: 'Jansen Holding BV',
    emailAddress: 'new@jansen.example',
  });
  t.equal(put.status, 200);
  t.match(
    put.body,
    { id: 1, customerNumber: '10001', name: 'Jansen Holding BV', city: '' },
    'full replace keeps the number',
  );
  const get = await api(sim, auth, 'GET', '/v1/debtors/1');
  t.equal(get.body.emailAddress, 'new@jansen.example');
  const taken = await api(sim, auth, 'PUT', '/v1/debtors/1', { name: 'x', customerNumber: '10002' });
  t.ok((taken.body.errors as Record<string, unknown>).customerNumber);
  const mismatch = await api(sim, auth, 'PUT', '/v1/debtors/1', { id: 2, name: 'x' });
  t.ok((mismatch.body.errors as Record<string, unknown>).id);
  t.equal((await api(sim, auth, 'PUT', '/v1/debtors/999', { name: 'x' })).status, 404);
  t.equal((await api(sim, auth, 'GET', '/v1/debtors/999')).status, 404);
  t.equal((await api(sim, auth, 'GET', '/v1/nothing-here')).status, 404);
});
