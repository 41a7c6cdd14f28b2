/**
 * A Koppel deployable (its own `main.ts`) or a benchmark child script started as an OS process of
 * its own (bundled or under tsx: bench-runtime.ts), so its memory and CPU can be read from the
 * outside (/proc/<pid>: `VmRSS`, `VmHWM`, and utime + stime, what `process.cpuUsage()` reports
 * inside it). Output goes to a log file under the temp folder; `ready` is a URL answering 200 or a
 * line the child prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeArguments } from './bench-runtime.js';

export type ProcessSample = { rssBytes: number; peakRssBytes: number; cpuSeconds: number };

export type ServiceProcess = {
  name: string;
  pid: number;
  logFile: string;
  /** The first line the child printed that starts with `READY ` (without the prefix), if any. */
  readyLine: string | undefined;
  sample(): ProcessSample;
  /** Statements sent to the database so far (`countStatements`; at most 200 ms old), else NaN. */
  statements(): number;
  stop(): Promise<void>;
};

/** BENCH_NODE_FLAGS: flags given to `node` before every process's entry (e.g. V8 heap flags). */
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== '');

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return {
    rssBytes: kb('VmRSS') * 1024,
    peakRssBytes: kb('VmHWM') * 1024,
    cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND,
  };
}

export async function startServiceProcess(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  /** `{ url }`: polled until it answers 200; `{ line: true }`: waits for a `READY …` line. */
  ready: { url: string } | { line: true };
  timeoutMs?: number;
  /** Counts the statements the process sends through this driver (count-statements.ts). */
  countStatements?: 'pg' | 'pglite';
}): Promise<ServiceProcess> {
  const logFile = join(tmpdir(), `koppel-bench-${options.name}.log`);
  const log = createWriteStream(logFile);
  // BENCH_CPU_PROFILE_DIR: each service writes a V8 CPU profile there when it stops (open it in
  // Chrome DevTools or speedscope to see where the slowest stage spends its time).
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  const profiling = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${options.name}.cpuprofile`]
    : [];
  const statementsFile = join(tmpdir(), `koppel-bench-${options.name}-${process.pid}.statements`);
  const counting = options.countStatements
    ? [fileURLToPath(new URL('./count-statements.ts', import.meta.url))]
    : [];
  const countingEnv = options.countStatements
    ? { BENCH_STATEMENTS_FILE: statementsFile, BENCH_STATEMENTS_DRIVER: options.countStatements }
    : {};
  const args = [...nodeFlags, ...profiling, ...(await nodeArguments(options.entry, counting))];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...options.env, ...countingEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let readyLine: string | undefined;
  let exited: string | undefined;
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log.write(chunk);
    buffered += chunk.toString('utf8');
    const match = /^READY (.*)$/m.exec(buffered);
    if (match && readyLine === undefined) readyLine = match[1];
    if (buffered.length > 65_536) buffered = buffered.slice(-1024);
  });
  child.stderr?.pipe(log);
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name} did not start`);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (exited) throw new Error(`${options.name} ${exited} before it was ready; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`${options.name} not ready in time; see ${logFile}`);
    if ('line' in options.ready ? readyLine !== undefined : await answers(options.ready.url)) break;
    await sleep(100);
  }
  return {
    name: options.name,
    pid,
    logFile,
    readyLine,
    sample: () => sampleProcess(pid),
    statements: () => {
      if (!options.countStatements) return Number.NaN;
      try {
        return Number(readFileSync(statementsFile, 'utf8'));
      } catch {
        return Number.NaN;
      }
    },
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killed = sleep(20_000).then(() => {
        if (!exited) child.kill('SIGKILL');
      });
      await Promise.race([done, killed]);
      log.end();
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
