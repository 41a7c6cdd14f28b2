import t, { type Test } from 'tap';
import { AUTH, COMPANY, invoiceFields, invoiceXml } from '../helpers.js';
import { buildInnvoiceSimulator } from '../../src/index.js';

/**
 * Issue 8 over real HTTP. InnVoice never refuses a duplicate (no external reference, notes §4.3):
 * the same XML twice makes two invoices in both modes, counted by `contentKey`. Method+path faults
 * and "succeed, then time out" as on every simulator.
 */
const XML = invoiceXml(invoiceFields());

async function listen(t: Test, options: { permissive?: boolean } = {}) {
  const sim = buildInnvoiceSimulator({ rateLimit: false, ...options });
  const base = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => sim.app.close());
  const api = (method: string, path: string, body?: string, signal?: AbortSignal) =>
    fetch(`${base}/${COMPANY}${path}`, {
      method,
      headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': 'text/xml' }) },
      ...(body === undefined ? {} : { body }),
      ...(signal ? { signal } : {}),
    });
  const control = async (method: string, path: string, body?: unknown) =>
    (await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    }).then((r) => r.json())) as Record<string, unknown>;
  const documents = async () =>
    (await control('GET', '/_control/documents?kind=invoice')) as {
      count: number;
      documents: { number: string; contentKey: string }[];
    };
  return { api, control, documents };
}

t.test('default mode: InnVoice accepts the same invoice twice; one contentKey, count 2', async (t) => {
  const { api, control, documents } = await listen(t);
  t.same(await control('GET', '/_control/mode'), { permissive: false });
  t.equal((await api('POST', '/invoice', XML)).status, 200);
  t.equal((await api('POST', '/invoice', XML)).status, 200);
  const all = await documents();
  t.equal(all.count, 2);
  const key = all.documents[0]?.contentKey ?? '';
  t.not(all.documents[0]?.number, all.documents[1]?.number, 'the server numbers each one');
  t.equal(((await control('GET', `/_control/documents?contentKey=${key}`)) as { count: number }).count, 2);
  t.match(await control('GET', '/_control/documents/duplicates?by=contentKey'), {
    duplicates: [{ value: key, count: 2 }],
  });
});

t.test('permissive mode (run time and build option) behaves the same', async (t) => {
  const { api, control, documents } = await listen(t, { permissive: true });
  t.same(await control('GET', '/_control/mode'), { permissive: true });
  t.same(await control('PUT', '/_control/mode', { permissive: false }), { permissive: false });
  t.same(await control('PUT', '/_control/mode', { permissive: true }), { permissive: true });
  await api('POST', '/invoice', XML);
  t.equal((await api('POST', '/invoice', XML)).status, 200);
  t.equal((await documents()).count, 2);
});

t.test('a method+path fault fails the POST but not the GET', async (t) => {
  const { api, control, documents } = await listen(t);
  const rule = { kind: 'fail', method: 'POST', path: `/${COMPANY}/invoice`, count: 1, status: 503 };
  t.match(await control('POST', '/_sim/faults', { rules: [rule] }), { rules: [{ count: 1 }] });
  t.equal((await api('GET', '/tomb_invoice')).status, 200);
  const failed = await api('POST', '/invoice', XML);
  t.equal(failed.status, 503);
  t.match(await failed.text(), /<error>/);
  t.equal((await documents()).count, 0, 'the failed call stored nothing');
  t.equal((await api('POST', '/invoice', XML)).status, 200, 'count spent');
});

t.test('succeed-then-timeout commits the invoice while the client times out', async (t) => {
  const { api, control, documents } = await listen(t);
  await control('POST', '/_sim/faults', {
    rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: `/${COMPANY}/invoice` }],
  });
  await t.rejects(api('POST', '/invoice', XML, AbortSignal.timeout(300)), { name: 'TimeoutError' });
  t.equal((await documents()).count, 1, 'committed although never answered');
});
