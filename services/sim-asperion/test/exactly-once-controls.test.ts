import t, { type Test } from 'tap';
import { startSim } from './helpers.js';

/**
 * Issue 8 over real HTTP: permissive mode, counting per invoice number, method+path faults and
 * "succeed, then time out".
 */
const invoice = {
  invoiceNumber: 'WEB-20001',
  debtorCustomerNumber: '10001',
  date: '2025-03-01T00:00:00',
  journalId: 'VK',
  description: 'Webshop order #20001',
  lines: { _data: [{ description: 'T-shirt', amount: 41.32, ledgerAccountId: 8000, vatCode: 'H' }] },
};

async function listen(t: Test, options: Parameters<typeof startSim>[0] = {}) {
  const { sim, auth } = await startSim(options);
  const base = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => sim.app.close());
  const json = { ...auth, 'content-type': 'application/json' };
  const call = (method: string, path: string, body?: unknown, signal?: AbortSignal) =>
    fetch(`${base}${path}`, {
      method,
      headers: json,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  const count = async (number: string) =>
    ((await (await call('GET', `/_control/documents?number=${number}`)).json()) as { count: number }).count;
  return { sim, call, count };
}

t.test('default mode refuses a duplicate invoice number, as Asperion does', async (t) => {
  const { call, count } = await listen(t);
  t.equal((await call('GET', '/_control/mode')).status, 200);
  t.same(await (await call('GET', '/_control/mode')).json(), { permissive: false });
  t.equal((await call('POST', '/v1/salesinvoiceswithlines', invoice)).status, 201);
  const second = await call('POST', '/v1/salesinvoiceswithlines', invoice);
  t.equal(second.status, 400);
  t.match(await second.json(), { errors: { invoiceNumber: [/WEB-20001/] } });
  t.equal(await count('WEB-20001'), 1);
});

t.test('permissive mode (run time) accepts the duplicate and the count shows 2', async (t) => {
  const { call, count } = await listen(t);
  const put = await call('PUT', '/_control/mode', { permissive: true });
  t.same(await put.json(), { permissive: true });
  t.equal((await call('POST', '/v1/salesinvoiceswithlines', invoice)).status, 201);
  const second = await call('POST', '/v1/salesinvoiceswithlines', invoice);
  t.equal(second.status, 201);
  t.match(await second.json(), { invoiceNumber: 'WEB-20001' }, 'the number is kept, not renumbered');
  t.equal(await count('WEB-20001'), 2);
  const dups = await (await call('GET', '/_control/documents/duplicates?by=number')).json();
  t.match(dups, { by: 'number', duplicates: [{ value: 'WEB-20001', count: 2 }] });
  t.equal((await call('PUT', '/_control/mode', { permissive: 'yes' })).status, 400);
  await call('POST', '/_control/reset', {});
  t.same(await (await call('GET', '/_control/mode')).json(), { permissive: false }, 'reset restores');
});

t.test('the build option starts the simulator permissive', async (t) => {
  const { call, count } = await listen(t, { permissive: true });
  await call('POST', '/v1/salesinvoiceswithlines', invoice);
  t.equal((await call('POST', '/v1/salesinvoiceswithlines', invoice)).status, 201);
  t.equal(await count('WEB-20001'), 2);
});

t.test('a method+path fault fails the POST but not the GET', async (t) => {
  const { call, count } = await listen(t);
  const rule = { kind: 'fail', method: 'POST', path: '/v1/salesinvoiceswithlines', count: 1, status: 503 };
  t.equal((await call('POST', '/_sim/faults', { rules: [rule] })).status, 200);
  const get = await call(
    'GET',
    '/v1/salesinvoiceswithlines?InvoiceNumber=WEB-20001&InvoiceNumber_comparison=Equals',
  );
  t.equal(get.status, 200);
  const failed = await call('POST', '/v1/salesinvoiceswithlines', invoice);
  t.equal(failed.status, 503);
  t.match(await failed.json(), { status: 503 });
  t.equal(await count('WEB-20001'), 0, 'the failed POST stored nothing');
  t.equal((await call('POST', '/v1/salesinvoiceswithlines', invoice)).status, 201, 'count spent');
});

t.test('succeed-then-timeout commits the invoice while the client times out', async (t) => {
  const { call, count } = await listen(t);
  const rule = { kind: 'succeed-then-timeout', method: 'POST', path: '/v1/salesinvoiceswithlines' };
  await call('POST', '/_sim/faults', { rules: [rule] });
  await t.rejects(call('POST', '/v1/salesinvoiceswithlines', invoice, AbortSignal.timeout(300)), {
    name: 'TimeoutError',
  });
  t.equal(await count('WEB-20001'), 1, 'committed although never answered');
  const retry = await call('POST', '/v1/salesinvoiceswithlines', invoice);
  t.equal(retry.status, 400, 'a blind retry is refused in default mode');
});
