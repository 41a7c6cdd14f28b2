import t, { type Test } from 'tap';
import { AUTH, createRelation, envelope, parseAnswer, seedCatalog, startSim } from './helpers.js';

/**
 * Issue 8 over real HTTP: permissive mode (duplicate extOrderId), counting per external order id,
 * method+path faults, and "succeed, then time out". Every SOAP operation is `POST /`, so a POST
 * rule on `/` hits every operation; the method decides.
 */
const order = (relationNumber: number) => ({
  extOrderId: 'WEB-30001',
  employeeNumber: 999999,
  relationNumber,
  financialDate: { day: 1, mon: 3, year: 2025 },
  lineList: { line: [{ articleNumber: 100234, text: 'T-shirt', data: { quantity: 1, price: 2500 } }] },
});

async function listen(t: Test, options: { permissive?: boolean } = {}) {
  const sim = await startSim(options);
  await seedCatalog(sim);
  const relationNumber = await createRelation(sim, { name: 'Jansen BV' });
  const base = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => sim.app.close());
  const createOrder = async (signal?: AbortSignal) => {
    const res = await fetch(`${base}/?${AUTH}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'createOrder' },
      body: envelope('createOrder', { order: order(relationNumber) }),
      ...(signal ? { signal } : {}),
    });
    return parseAnswer(res.status, Object.fromEntries(res.headers), await res.text());
  };
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  const count = async () =>
    (
      (await (await control('GET', '/_control/documents?externalOrderId=WEB-30001')).json()) as {
        count: number;
      }
    ).count;
  return { base, createOrder, control, count };
}

t.test('default mode refuses a reused extOrderId, as Mplus does', async (t) => {
  const { createOrder, count } = await listen(t);
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-OK');
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS');
  t.equal(await count(), 1);
});

t.test('permissive mode accepts the reused extOrderId and the count shows 2', async (t) => {
  const { createOrder, control, count } = await listen(t);
  t.same(await (await control('PUT', '/_control/mode', { permissive: true })).json(), { permissive: true });
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-OK');
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-OK');
  t.equal(await count(), 2);
  const dups = await (await control('GET', '/_control/documents/duplicates?by=externalOrderId')).json();
  t.match(dups, { by: 'externalOrderId', duplicates: [{ value: 'WEB-30001', count: 2 }] });
});

t.test('the build option starts permissive', async (t) => {
  const { createOrder, count } = await listen(t, { permissive: true });
  await createOrder();
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-OK');
  t.equal(await count(), 2);
});

t.test('a method+path fault fails the POST but not the GET', async (t) => {
  const { base, createOrder, control, count } = await listen(t);
  const rule = { kind: 'fail', method: 'POST', path: '/', count: 1, status: 503 };
  t.equal((await control('POST', '/_sim/faults', { rules: [rule] })).status, 200);
  const get = await fetch(`${base}/?${AUTH}`);
  t.equal(get.status, 404, 'the GET reached the router (no SOAP GET exists), not the fault');
  const failed = await createOrder();
  t.equal(failed.status, 503);
  t.match(failed.fault, { faultcode: 'SOAP-ENV:Server', faultstring: /Simulated failure/ });
  t.equal(await count(), 0, 'the failed call stored nothing');
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-OK', 'count spent');
});

t.test('succeed-then-timeout commits the order while the client times out', async (t) => {
  const { createOrder, control, count } = await listen(t);
  await control('POST', '/_sim/faults', {
    rules: [{ kind: 'succeed-then-timeout', method: 'POST', path: '/' }],
  });
  await t.rejects(createOrder(AbortSignal.timeout(300)), { name: 'TimeoutError' });
  t.equal(await count(), 1, 'committed although never answered');
  t.equal((await createOrder()).response?.result, 'CREATE-ORDER-RESULT-EXT-ORDER-ID-ALREADY-EXISTS');
});
