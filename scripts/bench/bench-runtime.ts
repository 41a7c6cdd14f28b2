/**
 * How the benchmark runs Koppel's processes (BENCH_RUNTIME): `bundle` (the default) as the images
 * do, plain `node` on a bundle of the entry (scripts/build/run-bundles.ts, written under
 * .cache/bench-bundles/<pid>-<n>/), or `tsx`, as each workspace's `npm start` runs the
 * TypeScript. Run both back to back to see what the bundles save.
 */
import { z } from 'zod';
import { type RunBundles, runBundles } from '../build/run-bundles.js';

export type BenchRuntime = 'bundle' | 'tsx';

export const benchRuntime: BenchRuntime = z
  .enum(['bundle', 'tsx'])
  .default('bundle')
  .parse(process.env.BENCH_RUNTIME || undefined);

/**
 * What to give `node` to run a TypeScript file: the file itself (after `--import tsx`), or a
 * bundle of it. `imports` are loaded with `--import` before it.
 */
export async function nodeArguments(entry: string, imports: string[] = []): Promise<string[]> {
  if (benchRuntime === 'tsx')
    return ['--import', 'tsx', ...imports.flatMap((file) => ['--import', file]), entry];
  const bundled = await Promise.all([...imports, entry].map(bundleForBench));
  const main = bundled.pop() ?? entry;
  return [...bundled.flatMap((file) => ['--import', file]), main];
}

/**
 * Each file is bundled once per run: processes started side by side share one bundle file. The
 * bundles are removed when the benchmark's process exits.
 */
let bundles: RunBundles | undefined;

function bundleForBench(entry: string): Promise<string> {
  if (bundles === undefined) {
    const made = runBundles('bench-bundles');
    process.once('exit', made.remove);
    bundles = made;
  }
  return bundles.bundle(entry);
}
