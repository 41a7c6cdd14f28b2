/**
 * Issue 13's observability on a running pipeline (real Kafka, real Postgres, each deployable
 * with its own /metrics): every deployable's metrics pass `promtool check metrics`; a real
 * Prometheus scrapes them all and every dashboard panel's PromQL returns series; one order is
 * one trace from the webhook through every Kafka hop to the target's HTTP calls, exported over
 * OTLP/HTTP, and its journey rows carry that trace id.
 */
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import t from 'tap';
import { startTracing } from '../../src/start-tracing.js';
import { startOtlpReceiver } from '../otlp-receiver.js';

// Tracing starts before fastify, pg and kafkajs load (as main.ts does), so the pipeline is
// imported only afterwards. This file owns the process's tracer provider.
const receiver = await startOtlpReceiver();
const spans = new InMemorySpanExporter();
const tracing = startTracing({
  serviceName: 'koppel-observability-test',
  tracesEndpoint: `${receiver.url}/v1/traces`,
  exporter: spans,
});
const { DEPLOYABLES, startObservedPipeline } = await import('./observed-pipeline.js');
const { startPrometheus } = await import('./prometheus-server.js');
const { panelQueries, RULES_DIR } = await import('./dashboards.js');
const { promtool } = await import('./promtool.js');

const started = Date.now();
const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const pipeline = await startObservedPipeline();
t.comment(`pipeline up after ${since()}`);
// The chart's rules are loaded too: the SLO dashboard reads their recorded series.
const prometheus = await startPrometheus(pipeline.metricsAddress, [`${RULES_DIR}/koppel-rules.yaml`]);
t.teardown(async () => {
  await prometheus.stop();
  t.comment(`prometheus stopped after ${since()}`);
  await pipeline.close();
  t.comment(`pipeline closed after ${since()}`);
  await tracing.shutdown().catch(() => {});
  await receiver.close();
  t.comment(`all closed after ${since()}`);
});

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

// A small load: two orders by webhook, and a record mapping cannot decode (a dead letter).
const orders: { innerId: string }[] = [];
for (const email of ['obs-one@example.nl', 'obs-two@example.nl']) {
  orders.push(
    await pipeline.shoprenter.createOrder({
      customer: { firstname: 'Olga', lastname: 'Bserver', email, phone: '+31201234567' },
      billingAddress: {
        address1: 'Kerkstraat 12a',
        city: 'Utrecht',
        postcode: '3511 AB',
        countryName: 'Netherlands',
        countryCode: 'NL',
      },
      lines: [{ sku: 'MUG-01', name: 'Mug', netPrice: '12.40', taxRate: '21', quantity: 2 }],
      currency: 'EUR',
    }),
  );
}
await pipeline.bus.publish(`${pipeline.topicPrefix}orders.raw`, [
  { key: `${pipeline.connectionId}:not-a-raw-order`, value: new TextEncoder().encode('not protobuf') },
]);
const invoices = () => pipeline.asperion.state().administrations[0]?.salesInvoices ?? [];
await eventually('both invoices', async () =>
  orders.every((o) => invoices().some((i) => i.invoiceNumber === `WEB-${o.innerId}`)) ? true : undefined,
);

t.comment(`both orders booked after ${since()}`);

t.test('every deployable’s /metrics passes promtool check metrics', async (t) => {
  for (const deployable of DEPLOYABLES) {
    const text = await (await fetch(`http://${pipeline.metricsAddress[deployable]}/metrics`)).text();
    t.match(text, /^# TYPE koppel_/m, `${deployable} registers koppel_* metrics`);
    const result = await promtool(['check', 'metrics'], text);
    t.ok(result.ok, `${deployable}: ${result.output}`);
    t.equal(result.output.trim(), '', `${deployable}: no lint findings`);
  }
});

t.test('the metrics issue 13 asks for are exposed by the deployable that owns them', async (t) => {
  const scrape = async (d: (typeof DEPLOYABLES)[number]) =>
    (await fetch(`http://${pipeline.metricsAddress[d]}/metrics`)).text();
  const ingest = await scrape('ingest');
  t.match(
    ingest,
    /koppel_orders_total\{stage="ingest",result="accepted",system="shoprenter",connection="c-[^"]+"[^}]*\} 2/,
  );
  const mapping = await scrape('mapping');
  t.match(mapping, /koppel_orders_total\{stage="mapping",result="mapped",system="shoprenter",connection="c-/);
  t.match(mapping, /koppel_dead_letters_total\{stage="mapping",connection="c-[^"]+",code="DECODE_FAILED"/);
  t.match(
    mapping,
    /koppel_consumer_lag_records\{group="[^"]+koppel-mapping",topic="[^"]+orders\.raw",partition="\d"/,
  );
  t.match(
    mapping,
    /koppel_message_duration_seconds_bucket\{le="0\.005",[^}]*topic="orders\.raw",outcome="processed"/,
  );
  const connector = await scrape('connector-asperion');
  t.match(
    connector,
    /koppel_target_requests_total\{system="asperion",operation="delivery",status_code="20\d"/,
  );
  t.match(connector, /koppel_target_request_duration_seconds_bucket\{[^}]*system="asperion"/);
  t.match(
    connector,
    /koppel_order_booking_latency_seconds_count\{[^}]*source="shoprenter",target="asperion"\} 2/,
  );
  t.match(
    connector,
    /koppel_orders_total\{stage="delivery",result="delivered",system="asperion",connection="c-/,
  );
  t.match(connector, /koppel_stock_reads_total\{system="asperion"/);
  // The poller's first poll follows its own tick, which on a loaded machine may come after the
  // orders were booked: wait for it rather than read the first scrape.
  const polled = /koppel_source_polls_total\{system="shoprenter",outcome="ok"/;
  const source = await eventually('a finished poll', async () => {
    const text = await scrape('connector-shoprenter');
    return polled.test(text) ? text : undefined;
  });
  t.match(source, polled);
  t.notMatch(
    `${ingest}${mapping}${connector}${source}`,
    /obs-one|example\.nl|Bserver/,
    'no personal data in any label',
  );
});

t.test('a real Prometheus scrapes every deployable', async (t) => {
  const targets = await eventually('every target up', async () => {
    const all = await prometheus.targets();
    return all.length === DEPLOYABLES.length && all.every((x) => x.health === 'up') ? all : undefined;
  });
  t.same(targets.map((x) => x.job).sort(), [...DEPLOYABLES].sort());
});

t.test('every dashboard panel’s PromQL runs against it and returns series', async (t) => {
  // Grafana's $__rate_interval is at least four scrape intervals: 4 s here (1 s scrapes).
  const queries = panelQueries('4s');
  t.ok(queries.length >= 25, `${queries.length} panel queries`);
  const pending = new Map(queries.map((q) => [`${q.dashboard} / ${q.panel} / ${q.refId}`, q.expr]));
  const deadline = Date.now() + 20_000;
  // Counters moved a few seconds ago; a rate needs two scrapes inside its window, so the
  // pipeline keeps polling and reading stock meanwhile and each query is retried until then.
  while (pending.size > 0 && Date.now() < deadline) {
    for (const [name, expr] of pending) {
      const result = await prometheus.query(expr);
      if (result.length > 0) pending.delete(name);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  t.same([...pending.keys()], [], 'every query returned at least one series');
  t.comment(`every panel query answered with series after ${since()}`);
});

t.test('one order is one trace: webhook → every Kafka hop → the target’s HTTP calls', async (t) => {
  const order = orders[0];
  if (!order) throw new Error('no order');
  const journey = await eventually('the delivered journey', async () => {
    const rows = await pipeline.journeyTraceIds(order.innerId);
    return rows.some((r) => r.stage === 'delivered') ? rows : undefined;
  });
  // A later poll that finds the order again records `duplicate_ignored` under the poll's own trace.
  const ownRows = journey.filter((r) => r.stage !== 'duplicate_ignored');
  const traceIds = new Set(ownRows.map((r) => r.traceId));
  t.equal(
    traceIds.size,
    1,
    `every journey row carries one trace id (${ownRows.map((r) => r.stage).join(', ')})`,
  );
  const traceId = ownRows[0]?.traceId ?? '';
  t.match(traceId, /^[0-9a-f]{32}$/);

  const inTrace = (): ReadableSpan[] =>
    spans.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const prefix = pipeline.topicPrefix;
  const hops = ['orders.raw', 'orders.mapped', 'orders.resolved', 'deliveries.asperion'];
  await eventually('the booked announcement span', async () =>
    inTrace().some((s) => s.name === `${prefix}orders.booked publish`) ? true : undefined,
  );
  const trace = inTrace();
  const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
  const parentOf = (s: ReadableSpan) => byId.get(s.parentSpanContext?.spanId ?? '');
  const roots = trace.filter((s) => !parentOf(s));
  t.equal(roots.length, 1, 'one root span');
  const root = roots[0];
  t.equal(root?.kind, 1, 'the root is the ingest’s HTTP server span (SpanKind.SERVER)');
  t.equal(root?.attributes['http.request.method'] ?? root?.attributes['http.method'], 'POST');
  t.notMatch(
    root?.name ?? '',
    /webhooks\/shoprenter\/c-[^/]+\/[A-Za-z0-9_-]{20,}/,
    'no webhook secret in the name',
  );

  for (const topic of hops) {
    const publish = trace.find((s) => s.name === `${prefix}${topic} publish`);
    const processing = trace.find((s) => s.name === `${prefix}${topic} process`);
    t.ok(publish, `${topic} publish span`);
    t.ok(processing, `${topic} process span`);
    t.equal(parentOf(processing as ReadableSpan), publish, `${topic} process is a child of its publish`);
    t.match(publish?.attributes, {
      'messaging.system': 'kafka',
      'messaging.destination.name': `${prefix}${topic}`,
      'messaging.operation.type': 'send',
    });
    t.match(processing?.attributes, { 'messaging.system': 'kafka', 'messaging.operation.type': 'process' });
  }
  // Each hop's publish happens while the previous hop is processed.
  for (let i = 1; i < hops.length; i += 1) {
    const publish = trace.find((s) => s.name === `${prefix}${hops[i]} publish`);
    let ancestor = publish && parentOf(publish);
    while (ancestor && ancestor.name !== `${prefix}${hops[i - 1]} process`) ancestor = parentOf(ancestor);
    t.ok(ancestor, `${hops[i]} publish descends from ${hops[i - 1]} process`);
  }
  const targetCalls = trace.filter((s) => s.attributes['koppel.target.system'] === 'asperion');
  t.ok(targetCalls.length >= 2, `${targetCalls.length} HTTP client spans to Asperion`);
  const delivering = trace.find((s) => s.name === `${prefix}deliveries.asperion process`);
  for (const call of targetCalls) {
    t.equal(call.kind, 2, `${call.name} is a CLIENT span`);
    t.match(call.attributes, { 'http.request.method': /^[A-Z]+$/, 'server.address': '127.0.0.1' });
    t.type(call.attributes['http.response.status_code'], 'number');
    let ancestor = parentOf(call);
    while (ancestor && ancestor !== delivering) ancestor = parentOf(ancestor);
    t.ok(
      ancestor,
      `${call.name} ${String(call.attributes['url.full'])} runs inside deliveries.asperion process`,
    );
  }

  // The ingest's log lines of that webhook request are JSON with the same trace id, URL redacted.
  const logged = pipeline.ingestLogLines
    .map((line) => JSON.parse(line) as { trace_id?: string; span_id?: string; req?: { url?: string } })
    .filter((line) => line.trace_id === traceId);
  t.ok(logged.length >= 1, `${logged.length} ingest log lines carry the trace id`);
  t.match(logged[0], { span_id: /^[0-9a-f]{16}$/ });
  const requestLine = logged.find((line) => line.req?.url);
  t.match(
    requestLine?.req?.url,
    /^\/webhooks\/shoprenter\/c-[^/]+\/\[REDACTED\]/,
    'the webhook secret is redacted',
  );
  t.notMatch(pipeline.ingestLogLines.join('\n'), /obs-one@example|Bserver/, 'no personal data in the log');

  // The real OTLP/HTTP exporter shipped the same trace (flushed on shutdown of the batch).
  await tracing.shutdown().catch(() => {});
  const exported = Buffer.concat(receiver.received.filter((r) => r.path === '/v1/traces').map((r) => r.body));
  const asJson = exported.toString('utf8');
  t.ok(
    exported.includes(Buffer.from(traceId, 'hex')) || asJson.includes(traceId),
    'the OTLP receiver got the order’s trace',
  );
});
