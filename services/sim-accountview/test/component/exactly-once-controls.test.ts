import t, { type Test } from 'tap';
import { debtorBody, startSimulator } from '../helpers.js';

/**
 * Issue 8 over real HTTP: permissive mode (duplicate INV_NR), counting, method+path faults on the
 * one `/api/v3/accountviewdata` path that serves both reads (GET) and writes (POST), and
 * "succeed, then time out".
 */
const DATA = '/api/v3/accountviewdata';

function journalPage(invNr: string) {
  const header: [string, string, unknown][] = [
    ['RowId', 'C', '1'],
    ['DJ_CODE', 'C', '70'],
    ['SUB_NR', 'C', '10045'],
    ['TRN_DATE', 'T', '2025-03-01T00:00:00.000Z'],
    ['INV_NR', 'C', invNr],
  ];
  const lineFields = ['RowId', 'HeaderId', 'ACCT_NR', 'AMOUNT', 'VAT_CODE'];
  return {
    BookDate: '2025-03-01T10:00:00.000Z',
    BusinessObject: 'DJ2',
    Table: {
      Definition: { Name: 'DJ_PAGE', Fields: header.map(([Name, FieldType]) => ({ Name, FieldType })) },
      DetailDefinitions: [
        {
          Name: 'DJ_LINE',
          Fields: lineFields.map((Name) => ({ Name, FieldType: Name === 'AMOUNT' ? 'N' : 'C' })),
        },
      ],
    },
    TableData: {
      Data: { Rows: [{ Values: header.map(([, , v]) => v) }] },
      DetailData: [{ Rows: [{ Values: ['1', '1', '8000', 37.5, '2'] }] }],
    },
  };
}

async function listen(t: Test, options: { permissive?: boolean } = {}) {
  const started = await startSimulator(options);
  await started.post(debtorBody({ SUB_NR: '10045', ACCT_NAME: 'Jansen BV' }));
  const base = await started.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => started.app.close());
  const call = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...started.headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  const count = async (number: string) =>
    (
      (await (await call('GET', `/_control/documents?kind=journal-page&number=${number}`)).json()) as {
        count: number;
      }
    ).count;
  return { call, count };
}

t.test('default mode refuses a second page with the same INV_NR in the daybook', async (t) => {
  const { call, count } = await listen(t);
  t.equal((await call('POST', DATA, journalPage('F-1'))).status, 200);
  const second = await call('POST', DATA, journalPage('F-1'));
  t.equal(second.status, 400);
  t.match(await second.json(), { ErrorMessage: /F-1 already exists/ });
  t.equal(await count('F-1'), 1);
});

t.test('permissive mode accepts the duplicate and the count shows 2', async (t) => {
  const { call, count } = await listen(t);
  t.same(await (await call('PUT', '/_control/mode', { permissive: true })).json(), { permissive: true });
  t.equal((await call('POST', DATA, journalPage('F-1'))).status, 200);
  t.equal((await call('POST', DATA, journalPage('F-1'))).status, 200);
  t.equal(await count('F-1'), 2);
  const dups = await (await call('GET', '/_control/documents/duplicates?by=number&kind=journal-page')).json();
  t.match(dups, { duplicates: [{ value: 'F-1', count: 2 }] });
});

t.test('the build option starts permissive', async (t) => {
  const { call, count } = await listen(t, { permissive: true });
  await call('POST', DATA, journalPage('F-1'));
  t.equal((await call('POST', DATA, journalPage('F-1'))).status, 200);
  t.equal(await count('F-1'), 2);
});

t.test('a method+path fault fails the POST but not the GET on the same path', async (t) => {
  const { call, count } = await listen(t);
  const rule = { kind: 'fail', method: 'POST', path: DATA, count: 1, status: 503, retryAfterSeconds: 5 };
  t.equal((await call('POST', '/_sim/faults', { rules: [rule] })).status, 200);
  t.equal((await call('GET', `${DATA}?BusinessObject=DJ2&PageSize=10`)).status, 200);
  const failed = await call('POST', DATA, journalPage('F-1'));
  t.equal(failed.status, 503);
  t.equal(failed.headers.get('retry-after'), '5');
  t.equal(await count('F-1'), 0);
  t.equal((await call('POST', DATA, journalPage('F-1'))).status, 200);
});

t.test('succeed-then-timeout commits the page while the client times out', async (t) => {
  const { call, count } = await listen(t);
  await call('POST', '/_sim/faults', {
    rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: DATA }],
  });
  await t.rejects(call('POST', DATA, journalPage('F-1'), AbortSignal.timeout(300)), { name: 'TimeoutError' });
  t.equal(await count('F-1'), 1, 'committed although never answered');
});
