import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import t from 'tap';
import { DEMOS } from '../../src/demos/index.js';
import { type DemoEndpoints, placeSampleOrder, waitForDocument } from '../../src/demos/run-sample-order.js';
import { SIMULATOR_NAMES, type SimulatorName } from '../../src/demos/simulators.js';
import { eventually } from '../support/eventually.js';
import { freePortForChild } from '../support/free-port.js';

/**
 * `npm start` as the user runs it (one OS process on a fresh data folder) offers every demo
 * connection ready: one order placed in each demo's shop simulator over its control API is booked
 * in that demo's target simulator, once, and its journey in the admin API ends `delivered`.
 */
const repoRoot = resolve(import.meta.dirname, '../../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'koppel-embedded-demos-'));
t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));

const ENV_OF: Record<SimulatorName, string> = {
  shoprenter: 'KOPPEL_SIM_SHOPRENTER_PORT',
  asperion: 'KOPPEL_SIM_ASPERION_PORT',
  accountview: 'KOPPEL_SIM_ACCOUNTVIEW_PORT',
  mijnwebwinkel: 'KOPPEL_SIM_MIJNWEBWINKEL_PORT',
  myshop: 'KOPPEL_SIM_MYSHOP_PORT',
  mplus: 'KOPPEL_SIM_MPLUS_PORT',
  innvoice: 'KOPPEL_SIM_INNVOICE_PORT',
  shoprenterHu: 'KOPPEL_SIM_SHOPRENTER_HU_PORT',
};
const simPorts = {} as Record<SimulatorName, number>;
for (const name of SIMULATOR_NAMES) simPorts[name] = await freePortForChild();
const ingestPort = await freePortForChild();
const adminPort = await freePortForChild();

const running = new Set<ChildProcess>();
t.teardown(() => {
  for (const child of running) child.kill('SIGKILL');
});

async function startKoppel(): Promise<{ child: ChildProcess; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KOPPEL_DATA_DIR: dataDir,
    KOPPEL_HOST: '127.0.0.1',
    KOPPEL_INGEST_PORT: String(ingestPort),
    KOPPEL_ADMIN_PORT: String(adminPort),
    KOPPEL_DEMO_POLL_SECONDS: '5',
    LOG_LEVEL: 'warn',
  };
  for (const name of SIMULATOR_NAMES) env[ENV_OF[name]] = String(simPorts[name]);
  for (const name of ['KAFKA_BROKERS', 'DATABASE_URL', 'ADMIN_API_KEYS', 'CREDENTIALS_KEY']) delete env[name];
  delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/embedded/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  let gone = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.once('exit', () => {
    gone = true;
    running.delete(child);
  });
  await eventually(
    'the "Koppel is running" banner',
    () => {
      if (gone) throw new Error(`exited before starting:\n${output}`);
      return output.includes('Koppel is running') ? true : undefined;
    },
    // A fresh PGlite directory (initdb and every migration) and tsx compiling the tree take 8-16 s
    // on an idle 2-core machine, and CI starts this beside three other test processes.
    120_000,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n--- output ---\n${output}`);
  });
  return { child, output: () => output };
}

t.test('every demo connection books one order end to end', async (t) => {
  const koppel = await startKoppel();
  for (const demo of DEMOS) t.match(koppel.output(), demo.id, `the banner offers ${demo.id}`);
  const endpoints: DemoEndpoints = {
    urls: Object.fromEntries(
      SIMULATOR_NAMES.map((name) => [name, `http://127.0.0.1:${simPorts[name]}`]),
    ) as DemoEndpoints['urls'],
    adminUrl: `http://127.0.0.1:${adminPort}/admin/v1`,
    apiKey: readFileSync(join(dataDir, 'admin-api-key'), 'utf8').trim(),
  };
  // One order per demo, all at once; the polled shops are read every 5 s.
  const outcomes = await Promise.all(
    DEMOS.map(async (demo) => {
      const placed = await placeSampleOrder(demo, endpoints, `${demo.id}@example.com`);
      return { demo, outcome: await waitForDocument(demo, endpoints, placed.externalOrderId, 45_000) };
    }),
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n--- output ---\n${koppel.output().slice(-4000)}`);
  });
  for (const { demo, outcome } of outcomes) {
    t.equal(outcome.journey.status, 'delivered', `${demo.id}: order ${outcome.externalOrderId} delivered`);
    const target = endpoints.urls[demo.target];
    const listed = (await (await fetch(`${target}/_control/documents`)).json()) as {
      documents: { id: string; number: string | null; externalOrderId: string | null }[];
    };
    const held = listed.documents.filter(
      (d) => d.number === outcome.documentNumber || d.externalOrderId === outcome.documentNumber,
    );
    t.equal(held.length, 1, `${demo.id}: ${outcome.documentNumber} once in the ${demo.target} simulator`);
  }
  const hu = outcomes.find((o) => o.demo.id === 'demo-hu');
  t.match(
    hu?.outcome.document,
    { buyer: { country: 'HU' }, lines: [{ vatLabel: '27%' }] },
    'a forint invoice',
  );

  // The table log reports consumer lag as Kafka does: every stage's group has caught up.
  const metrics = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  const lag = [...metrics.matchAll(/^koppel_consumer_lag_records\{([^}]*)\} (\d+)$/gm)];
  t.ok(
    lag.some(([, labels]) => labels?.includes('group="koppel-mapping"') && labels.includes('orders.raw')),
    'consumer lag per group and topic on /metrics',
  );
  t.ok(
    lag.filter(([, labels]) => labels?.includes('orders.raw')).every(([, , value]) => value === '0'),
    'orders.raw fully consumed',
  );

  // The pipeline keeps connections in memory (PGlite tells it of every change): a change made
  // through the admin API counts at once. A rotated secret's old URL is refused the moment the
  // rotation answered, and the new one is let in (its empty body is then what is refused).
  const rotate = async () => {
    const answer = await fetch(`${endpoints.adminUrl}/connections/demo/rotate-webhook-secret`, {
      method: 'POST',
      headers: { authorization: `Bearer ${endpoints.apiKey}` },
    });
    t.equal(answer.status, 200, 'secret rotated');
    return ((await answer.json()) as { webhook: { url: string } }).webhook.url;
  };
  const post = (url: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const first = await rotate();
  t.not((await post(first)).status, 401, 'the rotated URL is let in');
  const second = await rotate();
  const stale = await post(first);
  t.equal(stale.status, 401, 'the old URL is refused at once');
  t.match(await stale.json(), { code: 'WEBHOOK_SECRET_INVALID' });
  t.not((await post(second)).status, 401, 'the new URL is let in at once');

  koppel.child.kill('SIGTERM');
});
