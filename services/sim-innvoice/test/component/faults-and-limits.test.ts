import t from 'tap';
import { basic, call, createdOf, errorOf, invoiceFields, invoiceXml, startSim } from '../helpers.js';

t.test('default API limit is 120 requests per minute per company account', async (t) => {
  const sim = await startSim({});
  t.teardown(() => sim.app.close());
  t.same(sim.apiRateLimiter.limit(), { requests: 120, windowMs: 60_000 });
  const off = await startSim({ rateLimit: false });
  t.teardown(() => off.app.close());
  t.equal(off.apiRateLimiter.limit(), undefined);
});

t.test('over the API limit: 429 XML error 429 with Retry-After; lifting it through /_control', async (t) => {
  const sim = await startSim({ rateLimit: { requests: 2, windowMs: 60_000 } });
  t.teardown(() => sim.app.close());
  t.equal((await call(sim, 'GET', '/tomb_invoice')).status, 200);
  t.equal((await call(sim, 'GET', '/product')).status, 200);
  const limited = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
  t.equal(limited.status, 429);
  t.equal(errorOf(limited.xml).code, '429');
  const retryAfter = Number(limited.headers['retry-after']);
  t.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  t.equal(sim.state().companies[0]?.documents.length, 0, 'the limited call stored nothing');
  const wrong = await call(sim, 'GET', '/tomb_invoice', undefined, basic('koppeldemo', 'nope'));
  t.equal(wrong.status, 401, 'credentials are checked before the limit');

  const lift = await sim.app.inject({ method: 'PUT', url: '/_control/rate-limit', payload: {} });
  t.same(lift.json(), { limit: null });
  t.equal((await call(sim, 'GET', '/tomb_invoice')).status, 200);
  const bad = await sim.app.inject({ method: 'PUT', url: '/_control/rate-limit', payload: { requests: -1 } });
  t.equal(bad.statusCode, 400);
});

t.test(
  'injected faults answer InnVoice XML errors; the failed call stores nothing; /_control is not faulted',
  async (t) => {
    const sim = await startSim();
    t.teardown(() => sim.app.close());
    const plan = await sim.app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: {
        failNext: { count: 1, status: 503, retryAfterSeconds: 5, pathPrefix: '/koppeldemo/invoice' },
      },
    });
    t.equal(plan.statusCode, 200);
    t.equal((await sim.app.inject({ url: '/_control/state' })).statusCode, 200);
    t.equal((await call(sim, 'GET', '/tomb_invoice')).status, 200, 'other paths unaffected');
    const failed = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
    t.equal(failed.status, 503);
    t.equal(failed.headers['retry-after'], '5');
    t.match(failed.headers['content-type'], /^text\/xml/);
    t.same(errorOf(failed.xml), { code: '503', message: 'Szimulált hiba (HTTP 503)' });
    t.equal(sim.state().companies[0]?.documents.length, 0);
    const retried = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
    t.equal(createdOf(retried.xml).Sorszam, 'WEB-2025/00001');

    await sim.app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { failSequence: [{ status: 500 }, { status: 502 }] },
    });
    t.equal(errorOf((await call(sim, 'GET', '/product')).xml).code, '500');
    t.equal((await call(sim, 'GET', '/product')).status, 502);
    t.equal((await call(sim, 'GET', '/product')).status, 200);
  },
);

t.test('controlled rate limit through /_sim/rate-limit, and the inspection log', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await sim.app.inject({
    method: 'PUT',
    url: '/_sim/rate-limit',
    payload: { requests: 1, windowMs: 60_000 },
  });
  t.equal((await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()))).status, 200);
  const limited = await call(sim, 'GET', '/tomb_invoice');
  t.equal(limited.status, 429);
  t.ok(limited.headers['retry-after']);
  t.equal(errorOf(limited.xml).code, '429');
  await sim.app.inject({ method: 'PUT', url: '/_sim/rate-limit', payload: {} });

  const received = await sim.app.inject({ url: '/_sim/received?method=POST&pathPrefix=/koppeldemo/invoice' });
  const calls = (
    received.json() as { calls: { body: string; status: number; headers: Record<string, string> }[] }
  ).calls;
  t.equal(calls.length, 1);
  t.match(calls[0]?.body, /<VevoNev><!\[CDATA\[Gipsz Jakab\]\]><\/VevoNev>/);
  t.equal(calls[0]?.status, 200);
  t.equal(calls[0]?.headers['content-type'], 'text/xml');
});

t.test('/_control/reset goes back to the seed and clears faults and the log', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
  await sim.app.inject({
    method: 'POST',
    url: '/_sim/faults',
    payload: { failNext: { count: 5, status: 500 } },
  });
  t.equal((await sim.app.inject({ method: 'POST', url: '/_control/reset' })).statusCode, 200);
  t.equal(sim.state().companies[0]?.documents.length, 0);
  const again = await call(sim, 'POST', '/invoice', invoiceXml(invoiceFields()));
  t.match(createdOf(again.xml), { techid: '100001', Sorszam: 'WEB-2025/00001' });
  const log = await sim.app.inject({ url: '/_sim/received' });
  t.equal((log.json() as { calls: unknown[] }).calls.length, 1);
  t.equal(
    (await sim.app.inject({ method: 'POST', url: '/_control/seed', payload: { companies: [] } })).statusCode,
    400,
  );
});
