import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { createMetricsRegistry, instrumentTargetFetch } from '../src/index.js';

// A target that answers by path: /ok 201, /busy 429 with Retry-After: 3.
const server = createServer((request, response) => {
  if (request.url === '/busy') response.writeHead(429, { 'retry-after': '3' }).end();
  else response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

t.test('each call counts by status code, is timed by status class, and 429 waits add up', async (t) => {
  const metrics = createMetricsRegistry('fetch-test');
  const fetchTarget = instrumentTargetFetch((input, init) => fetch(input, init), {
    system: 'asperion',
    operation: 'delivery',
    metrics,
  });
  t.equal((await fetchTarget(`${base}/ok?token=secret`, { method: 'POST', body: '{}' })).status, 201);
  t.equal((await fetchTarget(`${base}/busy`)).status, 429);
  t.equal((await fetchTarget(`${base}/busy`)).status, 429);
  await t.rejects(fetchTarget('http://127.0.0.1:1/refused'), 'a refused connection still rejects');

  const text = await metrics.registry.metrics();
  t.match(
    text,
    /koppel_target_requests_total\{system="asperion",operation="delivery",status_code="201"[^}]*\} 1/,
  );
  t.match(
    text,
    /koppel_target_requests_total\{system="asperion",operation="delivery",status_code="429"[^}]*\} 2/,
  );
  t.match(
    text,
    /koppel_target_requests_total\{system="asperion",operation="delivery",status_code="error"[^}]*\} 1/,
  );
  t.match(
    text,
    /koppel_target_request_duration_seconds_count\{[^}]*system="asperion",operation="delivery",status_class="2xx"[^}]*\} 1/,
  );
  t.match(text, /koppel_target_rate_limited_total\{system="asperion"[^}]*\} 2/);
  t.match(text, /koppel_target_rate_limit_wait_seconds_total\{system="asperion"[^}]*\} 6/);
  t.notMatch(text, /\?token=|="[^"]*secret/, 'no URL in any label');
});
