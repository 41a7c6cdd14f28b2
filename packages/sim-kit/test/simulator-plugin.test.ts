import Fastify from 'fastify';
import t, { type Test } from 'tap';
import { installSimulatorKit } from '../src/index.js';

/** A tiny "API" with a write that counts commits, served over real HTTP. */
async function start(t: Test) {
  const app = Fastify();
  let committed = 0;
  app.register(async (scope) => {
    installSimulatorKit(scope, { renderFault: (status) => ({ simulated: status }) });
    scope.get('/v1/things', async () => ({ committed }));
    scope.post('/v1/things', async (_request, reply) => {
      committed += 1;
      return reply.code(201).send({ committed });
    });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  t.teardown(() => app.close());
  const plan = (body: unknown) =>
    fetch(`${url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { app, url, plan, committed: () => committed };
}

t.test('a method+path rule fails the POST only, for the next N calls', async (t) => {
  const { url, plan } = await start(t);
  const set = await plan({
    rules: [
      { kind: 'fail', method: 'post', path: '/v1/things', count: 2, status: 503, retryAfterSeconds: 3 },
    ],
  });
  t.equal(set.status, 200);
  t.equal((await fetch(`${url}/v1/things?x=1`)).status, 200, 'GET on the same path passes');
  const failed = await fetch(`${url}/v1/things`, { method: 'POST' });
  t.equal(failed.status, 503);
  t.equal(failed.headers.get('retry-after'), '3');
  t.same(await failed.json(), { simulated: 503 });
  t.equal((await fetch(`${url}/v1/things`, { method: 'POST' })).status, 503);
  t.equal((await fetch(`${url}/v1/things`, { method: 'POST' })).status, 201, 'spent after 2');
  const current = (await (await fetch(`${url}/_sim/faults`)).json()) as { rules: { count: number }[] };
  t.equal(current.rules[0]?.count, 0);
});

t.test('succeed-then-timeout commits, then never answers', async (t) => {
  const { url, plan, committed } = await start(t);
  await plan({ rules: [{ kind: 'succeed-then-timeout', method: 'POST', pathPrefix: '/v1/' }] });
  await t.rejects(fetch(`${url}/v1/things`, { method: 'POST', signal: AbortSignal.timeout(300) }), {
    name: 'TimeoutError',
  });
  t.equal(committed(), 1, 'the write was committed');
  t.equal((await fetch(`${url}/v1/things`, { method: 'POST' })).status, 201, 'next call answers');
});

t.test('succeed-then-timeout destroys the socket after holdMs; close releases holds', async (t) => {
  const { app, url, plan } = await start(t);
  await plan({ rules: [{ kind: 'succeed-then-timeout', path: '/v1/things', holdMs: 50 }] });
  await t.rejects(fetch(`${url}/v1/things`, { method: 'POST' }), { name: 'TypeError' }, 'socket hang up');
  await plan({ rules: [{ kind: 'succeed-then-timeout', path: '/v1/things' }] });
  const pending = fetch(`${url}/v1/things`, { method: 'POST' }).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 100));
  const started = Date.now();
  await app.close();
  t.type(await pending, Error, 'the held client sees the connection end');
  t.ok(Date.now() - started < 5_000, 'close did not wait for the 30 s hold');
});

t.test('a malformed plan is refused with the field at fault', async (t) => {
  const { plan } = await start(t);
  const res = await plan({ rules: [{ kind: 'fail', path: '/v1/things' }] });
  t.equal(res.status, 400);
  t.match(await res.json(), { issues: [{ path: ['rules', 0, 'status'] }] });
});

t.test('legacy failNext without method still fails any method', async (t) => {
  const { url, plan } = await start(t);
  await plan({ failNext: { count: 1, status: 500, pathPrefix: '/v1/' } });
  t.equal((await fetch(`${url}/v1/things`)).status, 500);
  await plan({ failNext: { count: 1, status: 500, method: 'POST' } });
  t.equal((await fetch(`${url}/v1/things`)).status, 200);
  t.equal((await fetch(`${url}/v1/things`, { method: 'POST' })).status, 500);
});
