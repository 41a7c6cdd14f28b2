import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import t, { type Test } from 'tap';
import { createHostPool, createPooledFetch, describeFetchFailure } from '../../src/index.js';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

/** A real HTTP server on loopback whose answers the test picks by path. */
async function startServer(t: Test): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const path = (req.url ?? '').split('?')[0];
      if (path === '/json') {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, query: req.url }));
      } else if (path === '/empty') {
        res.statusCode = 204;
        res.end();
      } else if (path === '/gzip') {
        res.setHeader('content-encoding', 'gzip');
        res.end(gzipSync('squeezed text'));
      } else if (path === '/moved') {
        res.statusCode = 302;
        res.setHeader('location', '/json?from=moved');
        res.end('see elsewhere');
      } else if (path === '/slow') {
        setTimeout(() => res.end('late'), 2_000);
      } else if (path === '/refuse') {
        res.statusCode = 422;
        res.setHeader('retry-after', '5');
        res.end('{"title":"no"}');
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen };
}

t.test('pooled fetch answers with a standard Response: status, headers, whole body', async (t) => {
  const { base, seen } = await startServer(t);
  const pool = createHostPool();
  t.teardown(() => pool.close());
  const pooledFetch = createPooledFetch();

  const answer = await pooledFetch(`${base}/json?email=a%40b.nl`, { dispatcher: pool } as RequestInit);
  t.ok(answer instanceof Response);
  t.equal(answer.status, 200);
  t.equal(answer.ok, true);
  t.equal(answer.headers.get('content-type'), 'application/json');
  t.same(answer.headers.getSetCookie(), ['a=1', 'b=2'], 'repeated headers kept apart');
  t.same(await answer.json(), { ok: true, query: '/json?email=a%40b.nl' });
  t.equal(seen[0]?.method, 'GET');
  t.equal(seen[0]?.headers.accept, '*/*', 'the accept header fetch sends by default');

  const refused = await pooledFetch(`${base}/refuse`, { method: 'post', body: '{}' });
  t.equal(refused.status, 422);
  t.equal(refused.ok, false);
  t.equal(refused.headers.get('retry-after'), '5');
  t.equal(await refused.text(), '{"title":"no"}');
  t.equal(seen[1]?.method, 'POST', 'the method upper-cased as fetch does');

  const empty = await pooledFetch(`${base}/empty`, { method: 'DELETE' });
  t.equal(empty.status, 204);
  t.equal(empty.body, null, 'a 204 has no body');

  const missing = await pooledFetch(`${base}/nothing`);
  t.equal(missing.status, 404);
});

t.test('pooled fetch sends bodies with the content type fetch would give them', async (t) => {
  const { base, seen } = await startServer(t);
  const pooledFetch = createPooledFetch();

  await pooledFetch(`${base}/json`, { method: 'POST', body: 'plain words' });
  t.equal(seen[0]?.headers['content-type'], 'text/plain;charset=UTF-8');
  t.equal(seen[0]?.body, 'plain words');

  await pooledFetch(`${base}/json`, {
    method: 'POST',
    body: JSON.stringify({ a: 1 }),
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' },
  });
  t.equal(seen[1]?.headers['content-type'], 'application/json', "the caller's own type wins");
  t.equal(seen[1]?.headers.authorization, 'Bearer x');
  t.equal(seen[1]?.body, '{"a":1}');

  await pooledFetch(`${base}/json`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', user: 'a b' }),
  });
  t.equal(seen[2]?.headers['content-type'], 'application/x-www-form-urlencoded;charset=UTF-8');
  t.equal(seen[2]?.body, 'grant_type=password&user=a+b');

  await pooledFetch(`${base}/json`, { method: 'PUT', body: new TextEncoder().encode('bytes') });
  t.equal(seen[3]?.body, 'bytes');

  const headers = new Headers([['X-Trace', 'one']]);
  await pooledFetch(`${base}/json`, { headers });
  t.equal(seen[4]?.headers['x-trace'], 'one', 'a Headers object is read');
});

t.test('pooled fetch decompresses and follows redirects as fetch does', async (t) => {
  const { base, seen } = await startServer(t);
  const pooledFetch = createPooledFetch();

  const squeezed = await pooledFetch(`${base}/gzip`);
  t.equal(await squeezed.text(), 'squeezed text');

  const moved = await pooledFetch(`${base}/moved`);
  t.equal(moved.status, 200, 'the redirect followed');
  t.same(await moved.json(), { ok: true, query: '/json?from=moved' });
  t.same(
    seen.map((s) => s.url),
    ['/gzip', '/moved', '/moved', '/json?from=moved'],
    'a redirect is sent again through fetch, which follows it',
  );

  const manual = await pooledFetch(`${base}/moved`, { redirect: 'manual' });
  t.equal(manual.status, 302, 'redirect: manual hands the 302 back');
  t.equal(manual.headers.get('location'), '/json?from=moved');
});

t.test('pooled fetch fails the way fetch fails, so describeFetchFailure reads it alike', async (t) => {
  const { base } = await startServer(t);
  const pooledFetch = createPooledFetch();

  const timedOut = await pooledFetch(`${base}/slow`, { signal: AbortSignal.timeout(50) }).catch(
    (e: unknown) => e,
  );
  t.ok(timedOut instanceof Error);
  t.equal((timedOut as Error).name, 'TimeoutError', "the signal's own reason, as fetch throws it");
  t.equal(describeFetchFailure(timedOut, 50).timedOut, true);

  // A port that was just free: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const refused = await pooledFetch(`http://127.0.0.1:${port}/json`).catch((e: unknown) => e);
  t.ok(refused instanceof TypeError);
  t.equal((refused as Error).message, 'fetch failed');
  const failure = describeFetchFailure(refused, 1_000);
  t.equal(failure.code, 'ECONNREFUSED');
  t.equal(failure.notSent, true, 'a refused connection sent nothing');
});
