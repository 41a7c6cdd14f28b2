// The whole test suite, as `npm test` and CI run it: lint and format, wire-contract checks
// (lint, generated code fresh, no breaking change) and a strict typecheck of every workspace,
// beside the admin API's contract test (schemathesis); then every tap test against a real Kafka
// broker and a real Postgres.
// Infrastructure: KAFKA_BROKERS / DATABASE_URL when set; else testcontainers when a Docker engine
// answers; else scripts/infra/up.sh starts Kafka and Postgres on loopback. Resolved once, here,
// and shared by every test process.
// Extra arguments go to tap, e.g. `npm test -- services/ingest/test`.
import { type SpawnSyncOptions, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveInfrastructure } from '@koppel/test-infra';
import { formatSummary, summariseTapOutput } from './summary/tap-lane-summary.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);
const tapArguments = process.argv.slice(2);

function step(title: string, command: string, args: string[], options: SpawnSyncOptions = {}) {
  const started = Date.now();
  process.stdout.write(`\n== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n✗ ${title} failed after ${seconds}s (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`✓ ${title} (${seconds}s)\n`);
}

type QuietStep = { title: string; command: string; args: string[]; env?: NodeJS.ProcessEnv };

/**
 * Steps run one after the other with their output held back, then printed as one block when the
 * last ends (or one fails), so two such chains can run side by side and still read in order.
 * `ok` is false when a step failed; the steps after it are then not run.
 */
async function quietChain(steps: QuietStep[]): Promise<{ ok: boolean; text: string }> {
  const lines: string[] = [];
  for (const { title, command, args, env } of steps) {
    const started = Date.now();
    lines.push(`\n== ${title}\n`);
    const exit = await new Promise<number>((resolveExit) => {
      const child = spawn(command, args, {
        cwd: root,
        env: env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
      child.on('close', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (exit !== 0) {
      lines.push(`\n✗ ${title} failed after ${seconds}s (exit ${exit})\n`);
      return { ok: false, text: lines.join('') };
    }
    lines.push(`✓ ${title} (${seconds}s)\n`);
  }
  return { ok: true, text: lines.join('') };
}

/**
 * The end-to-end files (services/embedded/test) spend most of their time waiting on Kafka, timers
 * and simulated outages, while the other files are short and CPU-bound. tap sorts files by name, so
 * in one run the long end-to-end files came last and ran two at a time with the CPU idle. Two tap
 * processes side by side (two jobs each) overlap the waiting with the CPU work. The end-to-end
 * lane's report is printed when it ends (and kept in .cache/tap-end-to-end.log meanwhile).
 */
const endToEndFiles = 'services/embedded/test/**/*.test.ts';

/**
 * One tap process. Its output is kept (for the closing summary) and either streamed as it comes
 * (`live`) or held back and also written to a log file, to be printed when the lane ends.
 */
function tapLane(
  args: string[],
  env: NodeJS.ProcessEnv,
  output: { live: true } | { live: false; logFile: string },
): Promise<{ exit: number; text: string }> {
  return new Promise((resolveExit) => {
    const chunks: string[] = [];
    const child = spawn(bin('tap'), args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = output.live ? undefined : createWriteStream(output.logFile);
    const keep = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      chunks.push(chunk.toString());
      if (output.live) target.write(chunk);
      else log?.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('close', (code, signal) => {
      log?.end();
      resolveExit({ exit: code ?? (signal ? 1 : 0), text: chunks.join('') });
    });
  });
}

async function runTapInTwoLanes(env: NodeJS.ProcessEnv): Promise<void> {
  const started = Date.now();
  process.stdout.write('\n== tests (tap, two lanes: end-to-end files beside the rest)\n');
  mkdirSync(resolve(root, '.cache'), { recursive: true });
  // tap rebuilds its runner for the plugin list on first use; two lanes doing that at once collide.
  step('tap runner build (once per install)', bin('tap'), ['build']);
  const [rest, endToEnd] = await Promise.all([
    tapLane([`--exclude=${endToEndFiles}`], env, { live: true }),
    tapLane([endToEndFiles], env, { live: false, logFile: resolve(root, '.cache/tap-end-to-end.log') }),
  ]);
  process.stdout.write(`\n== end-to-end lane (${endToEndFiles})\n${endToEnd.text}`);
  process.stdout.write(
    `\n== test summary (both lanes)\n${formatSummary({
      main: summariseTapOutput(rest.text),
      'end-to-end': summariseTapOutput(endToEnd.text),
    })}`,
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (rest.exit !== 0 || endToEnd.exit !== 0) {
    process.stderr.write(
      `\n✗ tests (tap) failed after ${seconds}s (exit ${rest.exit} / end-to-end ${endToEnd.exit})\n`,
    );
    process.exit(rest.exit || endToEnd.exit);
  }
  process.stdout.write(`✓ tests (tap) (${seconds}s)\n`);
}

/**
 * Resolved once here, in the runner, the same way a single test resolves it (packages/test-infra),
 * and handed to every tap process: one broker and one database server for the whole run, also
 * when testcontainers starts them (the containers live as long as this process).
 */
async function infrastructureEnvironment(): Promise<Record<string, string>> {
  process.stdout.write(
    '\n== infrastructure (KAFKA_BROKERS/DATABASE_URL, else testcontainers, else scripts/infra/up.sh)\n',
  );
  const infra = await resolveInfrastructure();
  const environment = { KAFKA_BROKERS: infra.kafkaBrokers.join(','), DATABASE_URL: infra.databaseUrl };
  process.stdout.write(
    `   from ${infra.origin}: ${environment.KAFKA_BROKERS}  ${environment.DATABASE_URL}\n`,
  );
  return environment;
}

const withChecks = !tapArguments.length || process.env.KOPPEL_TEST_CHECKS === '1';
const withSchemathesis = withChecks && process.env.KOPPEL_SKIP_SCHEMATHESIS !== '1';
/**
 * The static checks need no infrastructure, and schemathesis spends most of its minute waiting on
 * HTTP round trips: the two chains run side by side (each one's output printed as a block), then
 * the tap lanes. A failed check still fails the run, after both chains have ended.
 */
const checkSteps: QuietStep[] = withChecks
  ? [
      { title: 'lint and format (biome)', command: bin('biome'), args: ['check', '.'] },
      {
        title: 'wire contracts (buf lint, generated code fresh, no breaking change)',
        command: 'bash',
        args: ['scripts/proto/check.sh'],
      },
      // One program over every workspace's src and test plus scripts/ (tsconfig.json): each shared
      // package is parsed once, about ten times faster than a tsc per workspace
      // (`npm run typecheck:workspaces`).
      {
        title: 'typecheck (tsc over every workspace and scripts/)',
        command: bin('tsc'),
        args: ['-p', 'tsconfig.json'],
      },
    ]
  : [];
const infrastructureAndContract = async () => {
  const environment = { ...process.env, ...(await infrastructureEnvironment()) };
  // The admin API against its own OpenAPI document (scripts/test/schemathesis.sh, about a minute);
  // KOPPEL_SKIP_SCHEMATHESIS=1 leaves it out of a quick local run.
  const contract = await quietChain(
    withSchemathesis
      ? [
          {
            title: 'admin API contract (schemathesis)',
            command: 'bash',
            args: ['scripts/test/schemathesis.sh'],
            env: environment,
          },
        ]
      : [],
  );
  return { environment, contract };
};
const [checked, infrastructure] = await Promise.all([quietChain(checkSteps), infrastructureAndContract()]);
process.stdout.write(checked.text + infrastructure.contract.text);
if (!checked.ok || !infrastructure.contract.ok) process.exit(1);
/**
 * Every test file is its own node process that loads its module graph afresh (over a thousand
 * modules for most): V8's compile cache on disk (Node 22) spares the recompiling of the same
 * modules in each of them. Kept in .cache (git-ignored) across runs.
 */
const environment = {
  ...infrastructure.environment,
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? resolve(root, '.cache/node-compile-cache'),
};
// Prometheus/promtool (Debian) for the observability tests, helm and kubeconform (go install) for
// the chart test: installed once per machine by the project's scripts, instant when present.
step('test tools (prometheus, promtool, helm, kubeconform; installed once)', 'bash', [
  '-c',
  'bash scripts/infra/prometheus.sh install && bash scripts/infra/helm-tools.sh install',
]);
if (tapArguments.length) {
  step('tests (tap)', bin('tap'), tapArguments, { env: environment });
} else {
  await runTapInTwoLanes(environment);
}
// Containers started by testcontainers hold sockets open; the run is over, Ryuk reaps them.
process.exit(0);
