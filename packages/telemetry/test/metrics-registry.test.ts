import t from 'tap';
import { createMetricsRegistry } from '../src/index.js';

const expected = {
  koppel_messages_total: { type: 'counter', labels: ['topic', 'outcome'] },
  koppel_message_duration_seconds: { type: 'histogram', labels: ['topic', 'outcome'] },
  koppel_orders_total: { type: 'counter', labels: ['stage', 'result', 'system', 'connection'] },
  koppel_dead_letters_total: { type: 'counter', labels: ['stage', 'connection', 'code'] },
  koppel_target_requests_total: { type: 'counter', labels: ['system', 'operation', 'status_code'] },
  koppel_target_rate_limited_total: { type: 'counter', labels: ['system'] },
  koppel_target_rate_limit_wait_seconds_total: { type: 'counter', labels: ['system'] },
  koppel_order_booking_latency_seconds: { type: 'histogram', labels: ['source', 'target'] },
  koppel_consumer_lag_records: { type: 'gauge', labels: ['group', 'topic', 'partition'] },
  koppel_target_request_duration_seconds: {
    type: 'histogram',
    labels: ['system', 'operation', 'status_class'],
  },
} as const;

t.test('the shared pipeline metrics are registered with their names, types and labels', async (t) => {
  const metrics = createMetricsRegistry('metrics-test');
  const json = await metrics.registry.getMetricsAsJSON();
  for (const [name, { type, labels }] of Object.entries(expected)) {
    const metric = json.find((m) => m.name === name);
    t.equal(metric?.type, type, `${name} is a ${type}`);
    t.ok(metric?.help, `${name} has help text`);
    const prom = metrics.registry.getSingleMetric(name) as unknown as { labelNames: string[] } | undefined;
    t.same(prom?.labelNames, labels, `${name} labels`);
  }
  t.ok(
    json.some((m) => m.name === 'process_resident_memory_bytes'),
    'process defaults are collected',
  );
});

t.test('every series carries the service label; unknown labels are refused', async (t) => {
  const metrics = createMetricsRegistry('metrics-test');
  metrics.ordersTotal.inc({ stage: 'delivery', result: 'delivered', system: 'asperion', connection: 'c-1' });
  const text = await metrics.registry.metrics();
  t.match(
    text,
    'koppel_orders_total{stage="delivery",result="delivered",system="asperion",connection="c-1",service="metrics-test"} 1',
  );
  // An order id as a label would be unbounded cardinality: the counter only takes its labels.
  t.throws(() => metrics.ordersTotal.inc({ orderId: '100' } as never));
});

t.test('histograms use second-based buckets suited to their durations', async (t) => {
  const metrics = createMetricsRegistry('metrics-test');
  metrics.messageDuration.observe({ topic: 'orders.raw', outcome: 'processed' }, 0.004);
  metrics.targetRequestDuration.observe(
    { system: 'asperion', operation: 'create_invoice', status_class: '5xx' },
    12,
  );
  const text = await metrics.registry.metrics();
  t.match(text, /koppel_message_duration_seconds_bucket\{le="0\.005",[^}]*\} 1/);
  t.match(text, /koppel_message_duration_seconds_bucket\{le="30",[^}]*\} 1/);
  t.match(text, /koppel_target_request_duration_seconds_bucket\{le="10",[^}]*status_class="5xx"\} 0/);
  t.match(text, /koppel_target_request_duration_seconds_bucket\{le="\+Inf",[^}]*status_class="5xx"\} 1/);
});

t.test('two registries (two services in one process) do not clash', async (t) => {
  const a = createMetricsRegistry('a');
  const b = createMetricsRegistry('b');
  a.messagesTotal.inc({ topic: 't', outcome: 'processed' });
  t.match(await a.registry.metrics(), 'koppel_messages_total{topic="t",outcome="processed",service="a"} 1');
  t.notMatch(await b.registry.metrics(), /koppel_messages_total\{/);
});
