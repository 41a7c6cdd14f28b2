/**
 * How the benchmark runs Koppel's processes (BENCH_RUNTIME): `bundle` (the default) as the images
 * do, plain `node` on a bundle of the entry (scripts/build/bundle-deployables.ts, written under
 * .cache/bench-bundles/), or `tsx`, as each workspace's `npm start` runs the TypeScript. Run both
 * back to back to see what the bundles save.
 */
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { bundleFile } from '../build/bundle-deployables.js';

export type BenchRuntime = 'bundle' | 'tsx';

export const benchRuntime: BenchRuntime = z
  .enum(['bundle', 'tsx'])
  .default('bundle')
  .parse(process.env.BENCH_RUNTIME || undefined);

const root = resolve(import.meta.dirname, '../..');

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

/** Each file is bundled once per run: processes started side by side share one bundle file. */
const bundles = new Map<string, Promise<string>>();

function bundleForBench(entry: string): Promise<string> {
  const known = bundles.get(entry);
  if (known) return known;
  const outfile = `.cache/bench-bundles/${relative(root, entry).replace(/\.ts$/, '.mjs')}`;
  const bundled = bundleFile({ root, entry, outfile }).then(() => resolve(root, outfile));
  bundles.set(entry, bundled);
  return bundled;
}
