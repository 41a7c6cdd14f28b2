/**
 * Bundles made for one run of a script that starts Koppel's processes the way the images do (the
 * benchmark, the fault matrix): each entry bundled once (bundleFile), under
 * `.cache/<purpose>/<pid>-<n>/` inside the repository, since a bundle imports its third-party
 * packages from node_modules. The directory is the run's own, so two runs side by side never
 * rewrite each other's files; `remove()` deletes it when the run is over.
 */
import { rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { bundleFile } from './bundle-deployables.js';

const repoRoot = resolve(import.meta.dirname, '../..');

export type RunBundles = {
  /** The bundle of `entry` (absolute, or relative to the repository): its absolute path. */
  bundle(entry: string): Promise<string>;
  remove(): void;
};

let runs = 0;

export function runBundles(purpose: string): RunBundles {
  runs += 1;
  const directory = join('.cache', purpose, `${process.pid}-${runs}`);
  const made = new Map<string, Promise<string>>();
  return {
    bundle(entry) {
      const source = relative(repoRoot, resolve(repoRoot, entry));
      const known = made.get(source);
      if (known) return known;
      const outfile = join(directory, source.replace(/\.ts$/, '.mjs'));
      const bundled = bundleFile({ root: repoRoot, entry: source, outfile }).then(() =>
        resolve(repoRoot, outfile),
      );
      made.set(source, bundled);
      return bundled;
    },
    remove: () => rmSync(resolve(repoRoot, directory), { recursive: true, force: true }),
  };
}
