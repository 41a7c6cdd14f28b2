import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import t from 'tap';
import { installGracefulShutdown } from '../src/index.js';

const child = resolve(import.meta.dirname, 'fixtures/shutdown-child.ts');

async function runAndSignal(
  signal: NodeJS.Signals,
  env: Record<string, string>,
): Promise<{ code: number | null; lines: string[]; ms: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.teardown(() => {
    proc.kill('SIGKILL');
  });
  let output = '';
  const ready = new Promise<void>((r) =>
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) r();
    }),
  );
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  await ready;
  const started = Date.now();
  proc.kill(signal);
  const code = await exited;
  return { code, lines: output.trim().split('\n'), ms: Date.now() - started };
}

t.test('SIGTERM runs every step once, in order, then exits 0', async (t) => {
  const { code, lines } = await runAndSignal('SIGTERM', {});
  t.equal(code, 0);
  t.same(lines.slice(0, 6), [
    'ready',
    'SIGTERM received; shutting down',
    'step intake',
    'step consumers start',
    'step consumers end',
    'step clients',
  ]);
  t.equal(lines.length, 7);
  t.match(lines[6], /^shutdown complete in /);
});

t.test('a completed shutdown says how long each step took', async (t) => {
  const { lines } = await runAndSignal('SIGTERM', { STEP_MS: '300' });
  const summary = lines.at(-1) ?? '';
  t.match(summary, /^shutdown complete in \d+ ms \(intake \d+ ms, consumers \d+ ms, clients \d+ ms\)$/);
  const consumersMs = Number(/consumers (\d+) ms/.exec(summary)?.[1]);
  t.ok(consumersMs >= 290, `the slow step is the one that shows (${consumersMs} ms)`);
});

t.test('SIGINT does the same', async (t) => {
  const { code, lines } = await runAndSignal('SIGINT', {});
  t.equal(code, 0);
  t.equal(lines[1], 'SIGINT received; shutting down');
  t.equal(lines.at(-2), 'step clients');
});

t.test('a failing step is logged and the later steps still run', async (t) => {
  const { code, lines } = await runAndSignal('SIGTERM', { FAIL_STEP: '1' });
  t.equal(code, 0);
  t.same(lines.slice(2), [
    'step intake',
    'step consumers start',
    'shutdown step consumers failed: commit failed',
    'step clients',
    lines.at(-1),
  ]);
  t.match(lines.at(-1), /^shutdown complete in \d+ ms \(intake \d+ ms, consumers \d+ ms, clients \d+ ms\)$/);
});

t.test('a step outlasting the timeout makes the process exit 1 at the timeout', async (t) => {
  const { code, lines, ms } = await runAndSignal('SIGTERM', { STEP_MS: '10000', TIMEOUT_MS: '500' });
  t.equal(code, 1);
  const why = lines.find((line) => line.startsWith('shutdown took longer than 500 ms'));
  t.match(
    why,
    /^shutdown took longer than 500 ms \(step consumers still running after \d+ ms; done: intake \d+ ms\); exiting$/,
    'says why, naming the step that held it and what had finished',
  );
  t.notOk(lines.includes('step clients'), 'the remaining steps were cut off');
  t.ok(ms >= 450 && ms < 5000, `exited at the timeout (${ms} ms), not after the step's 10 s`);
});

t.test('the returned function runs the steps once however often it is called', async (t) => {
  const ran: string[] = [];
  const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
  const shutdown = installGracefulShutdown(
    [
      { name: 'a', run: async () => void ran.push('a') },
      { name: 'b', run: async () => void ran.push('b') },
    ],
    { timeoutMs: 1000, log: () => {} },
  );
  await Promise.all([shutdown(), shutdown()]);
  await shutdown();
  t.same(ran, ['a', 'b']);
  // Take back only the listeners it installed; tap has its own.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
});
