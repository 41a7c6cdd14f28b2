import { createRequire } from 'node:module';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import t from 'tap';
import { startTracing } from '../src/start-tracing.js';

// startTracing registers the global tracer provider once per process: this file owns it, and it
// runs before the HTTP module is loaded, as main.ts does. The module is required (CommonJS), as
// fastify loads it, which is what the instrumentation hooks.
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'redaction-test', exporter });
const { createServer } = createRequire(import.meta.url)('node:http') as typeof import('node:http');

t.teardown(() => tracing.shutdown());

t.test('a webhook URL’s secret never reaches a span name or attribute', async (t) => {
  const secret = 'S3cr3t-webhook-token-do-not-leak';
  const server = createServer((_request, response) => {
    response.writeHead(202, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}/webhooks/shoprenter/conn-1/${secret}?event=order_confirm`;
  const response = await fetch(url, { method: 'POST', body: '{}' });
  await response.arrayBuffer();

  // The server span ends when the response has finished on the server side, which a loaded
  // machine may report after the client already has the answer.
  for (let waited = 0; exporter.getFinishedSpans().length === 0 && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const spans = exporter.getFinishedSpans();
  t.ok(spans.length > 0, 'the HTTP server span was recorded');
  const text = JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes })));
  t.notOk(text.includes(secret), 'the secret is in no span');
  t.match(text, /\[REDACTED\]/, 'the URL is there, redacted');
});
