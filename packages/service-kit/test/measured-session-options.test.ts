import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { measuredSessionOptions } from '../src/measured-session-options.js';

t.test("a runner's session calls are counted by system and operation, answered or not", async (t) => {
  const metrics = createMetricsRegistry('measured-session-test');
  const seen: string[] = [];
  const options = measuredSessionOptions(
    {
      requestTimeoutMs: 1234,
      fetch: async (input) => {
        seen.push(String(input));
        if (String(input).includes('down')) throw new TypeError('fetch failed');
        return new Response('{}', { status: String(input).includes('busy') ? 429 : 200 });
      },
    },
    { system: 'shoprenter', operation: 'stock-push', metrics },
  );
  t.equal(options.requestTimeoutMs, 1234, 'the other options pass through');
  const fetch = options.fetch;
  if (!fetch) throw new Error('no fetch');
  await fetch('https://shop.example/products?token=secret');
  await fetch('https://shop.example/busy', { method: 'POST' });
  await t.rejects(fetch('https://shop.example/down'));
  t.equal(seen.length, 3, 'every call reached the underlying fetch');

  const text = await metrics.registry.metrics();
  t.match(
    text,
    /koppel_target_requests_total\{system="shoprenter",operation="stock-push",status_code="200"[^}]*\} 1/,
  );
  t.match(
    text,
    /koppel_target_requests_total\{system="shoprenter",operation="stock-push",status_code="429"[^}]*\} 1/,
  );
  t.match(
    text,
    /koppel_target_requests_total\{system="shoprenter",operation="stock-push",status_code="error"[^}]*\} 1/,
  );
  t.match(text, /koppel_target_rate_limited_total\{system="shoprenter"[^}]*\} 1/);
  t.notMatch(text, /secret/, 'no URL (nor its query) in a label');
});
