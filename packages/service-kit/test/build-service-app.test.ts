import { createMetricsRegistry } from '@koppel/telemetry';
import t from 'tap';
import { buildServiceApp, type ReadinessCheck } from '../src/index.js';

function appWith(readiness: Record<string, ReadinessCheck>) {
  const metrics = createMetricsRegistry('service-kit-test');
  const app = buildServiceApp({
    serviceName: 'service-kit-test',
    readiness,
    registry: metrics.registry,
    logLevel: 'silent',
  });
  t.teardown(() => app.close());
  return { app, metrics };
}

t.test('/healthz answers 200 whatever the dependencies say', async (t) => {
  const { app } = appWith({ database: async () => false });
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(response.statusCode, 200);
  t.same(response.json(), { status: 'ok' });
});

t.test('/readyz is 200 when every check passes', async (t) => {
  const { app } = appWith({ kafka: async () => true, database: async () => true });
  const response = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(response.statusCode, 200);
  t.same(response.json(), { status: 'ready', checks: { kafka: 'ok', database: 'ok' } });
});

t.test('/readyz is 503 naming the failing check, a throwing check counts as failing', async (t) => {
  let databaseUp = false;
  const { app } = appWith({
    kafka: async () => true,
    database: async () => databaseUp,
    cache: async () => {
      throw new Error('ECONNREFUSED');
    },
  });
  const down = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(down.statusCode, 503);
  t.same(down.json(), {
    status: 'unavailable',
    checks: { kafka: 'ok', database: 'failing', cache: 'failing' },
  });

  databaseUp = true;
  const stillDown = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(stillDown.statusCode, 503, 'checks run on every request');
  t.same(stillDown.json().checks, { kafka: 'ok', database: 'ok', cache: 'failing' });
});

t.test('/readyz with no dependencies is ready', async (t) => {
  const { app } = appWith({});
  t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
});

t.test('/metrics serves the registry in Prometheus text format with the koppel_* metrics', async (t) => {
  const { app, metrics } = appWith({});
  metrics.messagesTotal.inc({ topic: 'orders.raw', outcome: 'processed' }, 3);
  metrics.ordersTotal.inc({ stage: 'mapping', result: 'mapped', system: 'shoprenter' });
  metrics.messageDuration.observe({ topic: 'orders.raw', outcome: 'processed' }, 0.02);
  metrics.targetRequestDuration.observe(
    { system: 'asperion', operation: 'create_invoice', status_class: '2xx' },
    0.3,
  );

  const response = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  const text = response.body;
  t.match(text, '# TYPE koppel_messages_total counter');
  t.match(text, 'koppel_messages_total{topic="orders.raw",outcome="processed",service="service-kit-test"} 3');
  t.match(text, '# TYPE koppel_orders_total counter');
  t.match(
    text,
    'koppel_orders_total{stage="mapping",result="mapped",system="shoprenter",service="service-kit-test"} 1',
  );
  t.match(text, '# TYPE koppel_message_duration_seconds histogram');
  t.match(
    text,
    'koppel_message_duration_seconds_bucket{le="0.025",service="service-kit-test",topic="orders.raw",outcome="processed"} 1',
  );
  t.match(text, '# TYPE koppel_target_request_duration_seconds histogram');
  t.match(
    text,
    'koppel_target_request_duration_seconds_count{service="service-kit-test",system="asperion",operation="create_invoice",status_class="2xx"} 1',
  );
  t.match(text, /^process_cpu_user_seconds_total\{service="service-kit-test"\} /m, 'process defaults too');
});

t.test('an unknown route is a problem+json 404', async (t) => {
  const { app } = appWith({});
  const response = await app.inject({ method: 'GET', url: '/nope?x=1' });
  t.equal(response.statusCode, 404);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.match(response.json(), { status: 404, code: 'NOT_FOUND', detail: 'no route GET /nope' });
});
