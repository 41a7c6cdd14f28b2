import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { setHeapGrowingPercent } from '../src/heap-growth.js';

const moduleUrl = new URL('../src/heap-growth.ts', import.meta.url).href;

/**
 * A child keeps 40 MB live and makes garbage in rounds; it prints the largest heap it held. Run
 * apart, so the flag does not change this test process's own heap.
 */
function peakHeapMegabytes(percent: number | undefined): number {
  const script = `
    ${percent === undefined ? '' : `const { setHeapGrowingPercent } = await import(${JSON.stringify(moduleUrl)}); setHeapGrowingPercent(${percent});`}
    const live = []; for (let i = 0; i < 200000; i++) live.push({ a: 'x' + i, b: [i] });
    let peak = 0; let garbage = [];
    for (let round = 0; round < 120; round++) {
      for (let i = 0; i < 20000; i++) garbage.push({ s: 'y' + i + round, list: new Array(10).fill(i) });
      if (garbage.length > 100000) garbage = [];
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(Math.round(peak / 1048576), live.length);
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return Number(child.stdout.trim().split(' ')[0]);
}

t.test('a fixed growing percent keeps the heap nearer its live size than V8 left alone', async (t) => {
  const leftAlone = peakHeapMegabytes(undefined);
  const bounded = peakHeapMegabytes(25);
  t.ok(bounded < leftAlone, `25 %: ${bounded} MB, V8's own growth: ${leftAlone} MB`);
});

t.test('a percentage that is not a whole number from 0 to 1000 is refused', async (t) => {
  for (const bad of [-1, 1.5, 1001, Number.NaN]) {
    t.throws(() => setHeapGrowingPercent(bad), RangeError, String(bad));
  }
});
