// The Helm chart (charts/koppel): helm lint, helm template for two Kubernetes versions with the
// default values and with every feature on, every rendered manifest validated by kubeconform
// (strict, with the CloudNativePG, Prometheus-operator and Strimzi schemas), wrong values refused
// with a message naming the value, and the chart's topics equal to packages/contracts' topics.
// helm and kubeconform come from scripts/infra/helm-tools.sh (cached; the first run compiles).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import t from 'tap';
import {
  chartDefaultValues,
  chartFiles,
  contractTopics,
  productionDeployables,
  sortTopics,
} from './chart-expectations.js';
import { helmToolsInstalled, resolveHelmTools } from './helm-tools.js';
import { envByName, kafkaTopicSettings, podSpecOf, secretData } from './manifest-shapes.js';
import {
  allFeaturesValues,
  chartDir,
  helmLint,
  helmTemplate,
  kubeconform,
  type Manifest,
  ofKind,
  parseManifests,
  type RenderOptions,
} from './render-chart.js';

const kubeVersions = ['1.29.0', '1.32.0'] as const;
const valueSets = { defaults: [], 'all features': [allFeaturesValues] } as const;

// The first run on a machine builds helm and kubeconform (minutes); tell tap's runner before it.
if (!helmToolsInstalled()) t.setTimeout(45 * 60_000);
const tools = resolveHelmTools();

const renders = new Map<string, { text: string; manifests: Manifest[] }>();

/** helm template, once per distinct options (several subtests read the same rendering). */
function render(options: RenderOptions): { text: string; manifests: Manifest[] } {
  const key = JSON.stringify(options);
  const cached = renders.get(key);
  if (cached) return cached;
  const result = helmTemplate(tools, options);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  const rendered = { text: result.stdout, manifests: parseManifests(result.stdout) };
  renders.set(key, rendered);
  return rendered;
}

const names = (manifests: readonly Manifest[]) => manifests.map((m) => m.metadata.name).sort();

t.test('helm lint passes with the default values and with every feature on', async (t) => {
  for (const [label, files] of Object.entries(valueSets)) {
    const result = helmLint(tools, files);
    t.equal(result.status, 0, `${label}: ${result.stdout}${result.stderr}`);
  }
});

for (const kubeVersion of kubeVersions) {
  t.test(`kubeconform accepts every manifest for Kubernetes ${kubeVersion}`, async (t) => {
    const dir = t.testdir({});
    const rendered = Object.entries(valueSets).map(([label, files]) => {
      const file = resolve(dir, `${label.replace(' ', '-')}.yaml`);
      const { text, manifests } = render({ kubeVersion, valuesFiles: files });
      writeFileSync(file, text);
      return { label, file, count: manifests.length };
    });
    const report = kubeconform(
      tools,
      rendered.map((r) => r.file),
      kubeVersion,
    );
    for (const { label, file, count } of rendered) {
      const results = report.resources.filter((r) => r.filename === file);
      const problems = results.filter((r) => r.status !== 'statusValid');
      t.same(problems, [], `${label}: no invalid, erroneous or skipped resource`);
      t.equal(results.length, count, `${label}: all ${count} manifests validated`);
    }
  });
}

t.test('the chart deploys every production deployable of services/, each switchable', async (t) => {
  const chartDeployables = Object.keys(chartDefaultValues().deployables).sort();
  t.same(chartDeployables, productionDeployables(), 'values.yaml deployables = services/ minus simulators');

  const { manifests } = render({ kubeVersion: '1.32.0', valuesFiles: [] });
  const componentOf = (m: Manifest) => m.metadata.labels?.['app.kubernetes.io/component'] ?? '';
  t.same(ofKind(manifests, 'Deployment').map(componentOf).sort(), chartDeployables, 'one Deployment each');
  t.same(ofKind(manifests, 'Service').map(componentOf).sort(), chartDeployables, 'one Service each');
  t.same(ofKind(manifests, 'PodDisruptionBudget').map(componentOf).sort(), chartDeployables, 'one PDB each');
  t.equal(ofKind(manifests, 'HorizontalPodAutoscaler').length, 0, 'no HPA unless asked for');

  const without = render({ kubeVersion: '1.32.0', set: ['deployables.connector-mplus.enabled=false'] });
  t.notOk(
    ofKind(without.manifests, 'Deployment').some((d) => componentOf(d) === 'connector-mplus'),
    'a connector switched off has no Deployment',
  );
});

t.test('every deployable runs non-root, read-only, probed on /healthz and /readyz', async (t) => {
  const { manifests } = render({ kubeVersion: '1.32.0', valuesFiles: [] });
  for (const deployment of ofKind(manifests, 'Deployment')) {
    const pod = podSpecOf(deployment);
    const container = pod.containers[0];
    const name = deployment.metadata.name;
    t.equal(pod.securityContext?.runAsNonRoot, true, `${name}: runAsNonRoot`);
    t.equal(container?.securityContext?.readOnlyRootFilesystem, true, `${name}: read-only root`);
    t.equal(container?.securityContext?.allowPrivilegeEscalation, false, `${name}: no escalation`);
    t.equal(container?.livenessProbe?.httpGet?.path, '/healthz', `${name}: liveness`);
    t.equal(container?.startupProbe?.httpGet?.path, '/healthz', `${name}: startup`);
    t.equal(container?.readinessProbe?.httpGet?.path, '/readyz', `${name}: readiness`);
    t.ok(container?.resources?.requests?.memory, `${name}: memory request`);
    const env = envByName(deployment);
    t.equal(
      env.DATABASE_URL?.valueFrom?.secretKeyRef?.name,
      'koppel-database',
      `${name}: DATABASE_URL from a Secret`,
    );
    t.ok(env.KAFKA_BROKERS?.value, `${name}: KAFKA_BROKERS`);
    t.equal(
      env.CREDENTIALS_KEY?.valueFrom?.secretKeyRef?.key,
      name === 'koppel-customer-registry' ? undefined : 'CREDENTIALS_KEY',
      `${name}: CREDENTIALS_KEY only where credentials are opened`,
    );
  }
});

t.test('secrets: generated once (kept) unless an existing Secret is named; none in values', async (t) => {
  const values = readFileSync(resolve(chartDir, 'values.yaml'), 'utf8');
  t.notMatch(values, /^\s*(password|CREDENTIALS_KEY|ADMIN_API_KEYS)\s*:/im, 'no secret value in values.yaml');

  const generated = ofKind(render({ kubeVersion: '1.32.0', valuesFiles: [] }).manifests, 'Secret');
  t.same(names(generated), ['koppel-secrets']);
  const secret = generated[0];
  if (!secret) throw new Error('no generated Secret');
  t.equal(secret.metadata.annotations?.['helm.sh/resource-policy'], 'keep', 'kept on uninstall');
  const data = secretData(secret);
  const key = Buffer.from(data.CREDENTIALS_KEY ?? '', 'base64').toString();
  t.equal(Buffer.from(key, 'base64').length, 32, 'CREDENTIALS_KEY is 32 bytes, base64');
  t.ok(Buffer.from(data.ADMIN_API_KEYS ?? '', 'base64').toString().length >= 32, 'admin key >= 32 chars');

  const existing = render({ kubeVersion: '1.32.0', valuesFiles: [allFeaturesValues] }).manifests;
  t.equal(ofKind(existing, 'Secret').length, 0, 'existingSecret: the chart renders no Secret');
});

t.test('migrations run once in a hook Job, before install with an existing database', async (t) => {
  const jobs = ofKind(render({ kubeVersion: '1.32.0', valuesFiles: [] }).manifests, 'Job');
  t.equal(jobs.length, 1);
  t.equal(jobs[0]?.metadata.annotations?.['helm.sh/hook'], 'pre-install,pre-upgrade');
  const cnpgJobs = ofKind(
    render({ kubeVersion: '1.32.0', valuesFiles: [allFeaturesValues] }).manifests,
    'Job',
  );
  t.equal(
    cnpgJobs[0]?.metadata.annotations?.['helm.sh/hook'],
    'post-install,pre-upgrade',
    'CNPG: after the cluster exists',
  );
  const job = jobs[0];
  if (!job) throw new Error('no migration Job');
  const pod = podSpecOf(job);
  t.same(pod.containers[0]?.command, ['node', 'dist/migrate.mjs']);
  t.equal(pod.serviceAccountName, undefined, 'no chart ServiceAccount: it does not exist yet at pre-install');

  const deployments = ofKind(render({ kubeVersion: '1.32.0', valuesFiles: [] }).manifests, 'Deployment');
  t.ok(
    deployments.every((d) => envByName(d).MIGRATE_ON_START?.value === 'false'),
    'with the Job, no deployable migrates at start (each waits for a current schema)',
  );
  const selfMigrating = render({ kubeVersion: '1.32.0', set: ['migrations.enabled=false'] }).manifests;
  t.equal(ofKind(selfMigrating, 'Job').length, 0, 'migrations.enabled=false: no Job');
  t.ok(
    ofKind(selfMigrating, 'Deployment').every((d) => envByName(d).MIGRATE_ON_START === undefined),
    'and every deployable migrates at start (the default)',
  );
});

t.test(
  'the chart topics equal packages/contracts/src/topics.ts (values and Strimzi KafkaTopics)',
  async (t) => {
    t.same(sortTopics(chartDefaultValues().topics), contractTopics(), 'values.yaml topics');
    const { manifests } = render({ kubeVersion: '1.32.0', valuesFiles: [allFeaturesValues] });
    const rendered = ofKind(manifests, 'KafkaTopic').map((m) => kafkaTopicSettings(m, 'prod.'));
    t.same(sortTopics(rendered), contractTopics(), 'KafkaTopics (with the topic prefix)');
  },
);

t.test('all features: monitoring, dashboards, rules, autoscaling, operators', async (t) => {
  const { manifests } = render({ kubeVersion: '1.32.0', valuesFiles: [allFeaturesValues] });
  const deployments = ofKind(manifests, 'Deployment');
  t.equal(ofKind(manifests, 'ServiceMonitor').length, deployments.length, 'a ServiceMonitor per deployable');
  t.equal(ofKind(manifests, 'HorizontalPodAutoscaler').length, deployments.length, 'an HPA per deployable');
  t.equal(ofKind(manifests, 'Cluster').length, 1, 'CloudNativePG Cluster');
  t.equal(ofKind(manifests, 'Kafka').length, 1, 'Strimzi Kafka');
  t.equal(ofKind(manifests, 'Ingress').length, 2, 'ingest and admin Ingresses');
  t.notOk(names(deployments).includes('koppel-connector-myshop'), 'switched-off connector absent');

  const dashboards = ofKind(manifests, 'ConfigMap').filter(
    (m) => m.metadata.labels?.grafana_dashboard === '1',
  );
  t.equal(
    dashboards.length,
    chartFiles('dashboards', 'json').length,
    'a labelled ConfigMap per dashboards/*.json',
  );
  const ruleFiles = chartFiles('rules', 'yaml').filter((file) =>
    /^groups:/m.test(readFileSync(resolve(chartDir, 'rules', file), 'utf8')),
  );
  t.equal(ofKind(manifests, 'PrometheusRule').length, ruleFiles.length, 'a PrometheusRule per rules/*.yaml');

  const ingest = deployments.find((d) => d.metadata.name === 'koppel-ingest');
  if (!ingest) throw new Error('no ingest Deployment');
  const env = envByName(ingest);
  t.equal(
    env.DATABASE_URL?.valueFrom?.secretKeyRef?.name,
    'koppel-pg-app',
    'DATABASE_URL from the CNPG app Secret',
  );
  t.equal(env.KAFKA_BROKERS?.value, 'koppel-kafka-kafka-bootstrap:9092', 'brokers of the Strimzi cluster');
  t.match(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.value, /^http:\/\/otel-collector/, 'OTLP endpoint');
  t.equal(env.TRUST_PROXY?.value, 'true', 'per-deployable env');
});

t.test('a wrong value is refused with a message naming it', async (t) => {
  const cases: { set: string; expect: RegExp }[] = [
    {
      set: 'deployables.ingest.replicaCount=two',
      expect: /deployables\/ingest\/replicaCount.*(integer|want)/,
    },
    { set: 'deployables.connector-shopify.enabled=true', expect: /connector-shopify/ },
    { set: 'telemetry.logLevel=verbose', expect: /telemetry\/logLevel/ },
    { set: 'kafka.brokers=kafka', expect: /kafka\/brokers/ },
    { set: 'ingress.ingest.enabled=true', expect: /ingress\.ingest\.host: required/ },
  ];
  for (const { set, expect } of cases) {
    const result = helmTemplate(tools, { kubeVersion: '1.32.0', set: [set] });
    t.not(result.status, 0, `${set}: refused`);
    t.match(result.stderr, expect, `${set}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
});
