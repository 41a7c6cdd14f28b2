/**
 * The chart's Prometheus rules and Grafana dashboards, checked without a running pipeline:
 * promtool validates and unit-tests the rules, every dashboard parses as Grafana JSON with the
 * templated datasource, and every metric a panel or rule reads is one Koppel defines.
 * (pipeline-observability.test.ts runs the same queries against a real Prometheus.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createMetricsRegistry } from '../../src/index.js';
import { loadDashboards, metricNamesIn, panelQueries, RULES_DIR } from './dashboards.js';
import { promtool } from './promtool.js';

const SERVICE_KIT_SRC = new URL('../../../service-kit/src/', import.meta.url).pathname;

const rulesFile = join(RULES_DIR, 'koppel-rules.yaml');
const rulesText = readFileSync(rulesFile, 'utf8');
const recorded = [...rulesText.matchAll(/- record: (\S+)/g)].map((m) => m[1] ?? '');

/** Every koppel_* family: the shared registry and the role metrics files of service-kit. */
async function knownMetricFamilies(): Promise<Set<string>> {
  const names = new Set(
    (await createMetricsRegistry('names').registry.getMetricsAsJSON()).map((m) => m.name),
  );
  const files = readdirSync(SERVICE_KIT_SRC, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('-metrics.ts'),
  );
  for (const file of files) {
    for (const match of readFileSync(join(SERVICE_KIT_SRC, file), 'utf8').matchAll(
      /'(koppel_[a-z0-9_]+)'/g,
    )) {
      names.add(match[1] ?? '');
    }
  }
  for (const name of recorded) names.add(name);
  return names;
}

t.test('promtool check rules accepts the rule file', async (t) => {
  const result = await promtool(['check', 'rules', rulesFile]);
  t.ok(result.ok, result.output);
  t.match(result.output, /SUCCESS: 13 rules found/);
});

t.test('promtool test rules: every alert fires when it should and stays quiet otherwise', async (t) => {
  const result = await promtool(['test', 'rules', join(RULES_DIR, 'tests', 'koppel-rules-test.yml')]);
  t.ok(result.ok, result.output);
  t.match(result.output, /SUCCESS/);
});

t.test('the rules directory holds rule files only (the chart loads rules/*.yaml)', async (t) => {
  const yamlFiles = readdirSync(RULES_DIR).filter((f) => f.endsWith('.yaml'));
  t.same(yamlFiles, ['koppel-rules.yaml']);
  for (const file of yamlFiles) t.match(readFileSync(join(RULES_DIR, file), 'utf8'), /^groups:/m);
});

t.test('four dashboards parse as Grafana JSON with the templated Prometheus datasource', async (t) => {
  const dashboards = loadDashboards();
  t.same(
    dashboards.map((d) => d.file),
    ['koppel-overview.json', 'koppel-slo.json', 'koppel-stock-sync.json', 'koppel-targets.json'],
  );
  t.equal(new Set(dashboards.map((d) => d.dashboard.uid)).size, dashboards.length, 'unique uids');
  for (const { file, dashboard } of dashboards) {
    t.ok(
      dashboard.templating.list.some((v) => v.name === 'DS_PROMETHEUS' && v.type === 'datasource'),
      `${file}: DS_PROMETHEUS datasource variable`,
    );
    t.equal(new Set(dashboard.panels.map((p) => p.id)).size, dashboard.panels.length, `${file}: panel ids`);
  }
});

t.test('every metric a panel or a rule reads is defined by Koppel', async (t) => {
  const known = await knownMetricFamilies();
  const exprs = [
    ...panelQueries('5s').map((q) => ({ where: `${q.dashboard} / ${q.panel}`, expr: q.expr })),
    ...[
      ...rulesText.matchAll(/expr: \|?\s*\n?([\s\S]*?)(?=\n\s*(?:for|labels|- record|- alert):|\n\s*$)/g),
    ].map((m) => ({ where: 'rules', expr: m[1] ?? '' })),
  ];
  t.ok(exprs.length > 30, `${exprs.length} expressions`);
  for (const { where, expr } of exprs) {
    for (const name of metricNamesIn(expr)) t.ok(known.has(name), `${where}: ${name} is defined`);
  }
});

t.test('promtool check metrics finds nothing to lint in the shared metrics, all observed', async (t) => {
  const metrics = createMetricsRegistry('lint');
  metrics.ordersTotal.inc({ stage: 'delivery', result: 'delivered', system: 'asperion', connection: 'c-1' });
  metrics.deadLettersTotal.inc({ stage: 'mapping', connection: 'c-1', code: 'DECODE_FAILED' });
  metrics.messagesTotal.inc({ topic: 'orders.raw', outcome: 'processed' });
  metrics.messageDuration.observe({ topic: 'orders.raw', outcome: 'processed' }, 0.01);
  metrics.targetRequestDuration.observe(
    { system: 'asperion', operation: 'delivery', status_class: '2xx' },
    0.1,
  );
  metrics.targetRequestsTotal.inc({ system: 'asperion', operation: 'delivery', status_code: '201' });
  metrics.targetRateLimitedTotal.inc({ system: 'asperion' });
  metrics.targetRateLimitWaitSeconds.inc({ system: 'asperion' }, 2);
  metrics.orderBookingLatency.observe({ source: 'shoprenter', target: 'asperion' }, 3);
  metrics.watchConsumerLag(async () => [{ group: 'g', topic: 'orders.raw', partition: 0, lag: 4 }]);
  const text = await metrics.registry.metrics();
  t.match(text, 'koppel_consumer_lag_records{group="g",topic="orders.raw",partition="0",service="lint"} 4');
  const result = await promtool(['check', 'metrics'], text);
  t.ok(result.ok, result.output);
  t.equal(result.output.trim(), '', 'no lint findings');
});
