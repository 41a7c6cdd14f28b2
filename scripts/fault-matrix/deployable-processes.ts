/**
 * Every deployable of the order pipeline as its own OS process, exactly as deployed: plain `node`
 * on a bundle of `services/<name>/src/main.ts` (scripts/build/bundle-deployables.ts, as the images
 * run `dist/main.mjs`), configured by env, `replicas` of each, under a supervisor that restarts a
 * process that exits, as Kubernetes' restartPolicy Always does. `kill` sends SIGKILL (kill -9);
 * the supervisor brings the process back after `restartDelayMs`. Exits the supervisor did not
 * cause are counted as crashes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBundles } from '../build/run-bundles.js';
import { listenPort } from '../support/listen-port.js';

const repoRoot = resolve(import.meta.dirname, '../..');

export const deployables = [
  'ingest',
  'mapping',
  'customer-registry',
  'delivery',
  'connector-asperion',
] as const;
export type Deployable = (typeof deployables)[number];

export type PipelineProcessesOptions = {
  kafkaBrokers: string[];
  databaseUrl: string;
  topicPrefix: string;
  credentialsKeyHex: string;
  replicas: number;
  /** The deployables to run (default: all); the others run elsewhere (e.g. in the test's process). */
  only?: readonly Deployable[];
  /** Timeout of one request to the target, in ms (short, so "succeed, then time out" retries soon). */
  targetRequestTimeoutMs: number;
  restartDelayMs?: number;
  /** Where the processes' stderr goes (a log file of the run); default: discarded. */
  stderr?: NodeJS.WritableStream;
};

export type PipelineProcesses = {
  /** Base URLs of the ingest replicas. */
  ingestUrls: string[];
  /** Resolves once every process answers /readyz. */
  ready(timeoutMs?: number): Promise<void>;
  /** kill -9 of every replica of `name`; the supervisor restarts them. */
  kill(name: Deployable): void;
  /** Exits the supervisor did not cause (a process that died on its own). */
  crashes(): number;
  stop(): Promise<void>;
};

type Supervised = { name: Deployable; port: number; child?: ChildProcess; expectedExit: boolean };

function envOf(options: PipelineProcessesOptions, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    KAFKA_BROKERS: options.kafkaBrokers.join(','),
    DATABASE_URL: options.databaseUrl,
    TOPIC_PREFIX: options.topicPrefix,
    CREDENTIALS_KEY: options.credentialsKeyHex,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '5000',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
    TARGET_REQUEST_TIMEOUT_MS: String(options.targetRequestTimeoutMs),
    // Faults must delay an order, never dead-letter it: many short retries (parked when long).
    DELIVERY_MAX_ATTEMPTS: '60',
    DELIVERY_BACKOFF_BASE_MS: '100',
    DELIVERY_BACKOFF_MAX_MS: '2000',
  };
}

/** Each deployable's bundle, made for this run (removed by `remove`). */
async function bundlePipeline(names: readonly Deployable[]) {
  const bundles = runBundles('fault-matrix-bundles');
  try {
    const paths = new Map<Deployable, string>();
    await Promise.all(
      names.map(async (name) => paths.set(name, await bundles.bundle(`services/${name}/src/main.ts`))),
    );
    return { paths, remove: bundles.remove };
  } catch (error) {
    bundles.remove();
    throw error;
  }
}

export async function startPipelineProcesses(options: PipelineProcessesOptions): Promise<PipelineProcesses> {
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const supervised: Supervised[] = [];
  for (let replica = 0; replica < options.replicas; replica += 1) {
    for (const name of options.only ?? deployables) {
      supervised.push({ name, port: await listenPort(), expectedExit: false });
    }
  }
  // Bundled last: nothing after it can fail before `stop` is handed out to remove the bundles.
  const bundled = await bundlePipeline(options.only ?? deployables);
  let stopping = false;
  let crashes = 0;

  const launch = (entry: Supervised) => {
    const bundle = bundled.paths.get(entry.name);
    if (!bundle) throw new Error(`${entry.name} was not bundled`);
    const child = spawn(process.execPath, [bundle], {
      cwd: repoRoot,
      env: envOf(options, entry.port),
      stdio: ['ignore', 'ignore', options.stderr ? 'pipe' : 'ignore'],
    });
    const sink = options.stderr;
    if (sink && child.stderr) {
      createInterface({ input: child.stderr }).on('line', (line) => sink.write(`[${entry.name}] ${line}\n`));
    }
    entry.child = child;
    entry.expectedExit = false;
    child.once('exit', () => {
      if (stopping) return;
      if (!entry.expectedExit) crashes += 1;
      void sleep(restartDelayMs).then(() => {
        if (!stopping) launch(entry);
      });
    });
  };
  for (const entry of supervised) launch(entry);

  const answers = async (port: number) => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  };

  return {
    ingestUrls: supervised.filter((s) => s.name === 'ingest').map((s) => `http://127.0.0.1:${s.port}`),
    async ready(timeoutMs = 300_000) {
      const deadline = Date.now() + timeoutMs;
      for (const entry of supervised) {
        while (!(await answers(entry.port))) {
          if (Date.now() > deadline) throw new Error(`${entry.name} (port ${entry.port}) never became ready`);
          await sleep(200);
        }
      }
    },
    kill(name) {
      for (const entry of supervised.filter((s) => s.name === name)) {
        entry.expectedExit = true;
        entry.child?.kill('SIGKILL');
      }
    },
    crashes: () => crashes,
    async stop() {
      stopping = true;
      await Promise.all(
        supervised.map(
          ({ child }) =>
            new Promise<void>((done) => {
              if (!child || child.exitCode !== null || child.signalCode !== null) return done();
              const force = setTimeout(() => child.kill('SIGKILL'), 8000);
              child.once('exit', () => {
                clearTimeout(force);
                done();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
      bundled.remove();
    },
  };
}
