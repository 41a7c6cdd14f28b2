/**
 * `npm run build [-- <service>...] [-- --out <dir>]`: the bundles of scripts/build/bundle-deployables.ts,
 * by default for every deployable into services/<name>/dist/. `--out` writes the same tree under
 * another folder (docker/build-images.sh puts it into the sources layer).
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { bundleDeployables, deployableEntries } from './bundle-deployables.js';

const root = resolve(import.meta.dirname, '../..');
const { values, positionals } = parseArgs({
  options: { out: { type: 'string' } },
  allowPositionals: true,
});
const services = z
  .array(z.string().regex(/^[a-z0-9-]+$/, 'a folder name under services/'))
  .parse(positionals);
const outRoot = resolve(values.out ?? root);
const all = deployableEntries(root);
const unknown = services.filter((service) => !all.some((entry) => entry.service === service));
if (unknown.length > 0) {
  process.stderr.write(`no services/<name>/src/main.ts for: ${unknown.join(', ')}\n`);
  process.exit(2);
}
const started = performance.now();
const bundles = await bundleDeployables(
  services.length === 0 ? all : all.filter((entry) => services.includes(entry.service)),
  root,
  outRoot,
);
for (const bundle of bundles) {
  process.stdout.write(`${join(outRoot, bundle.outfile)}  ${(bundle.bytes / 1024).toFixed(0)} KiB\n`);
}
process.stdout.write(`${bundles.length} bundles in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
