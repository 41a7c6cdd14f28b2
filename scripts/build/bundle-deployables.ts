/**
 * One JavaScript file per deployable, as the images run them: `services/<name>/src/main.ts` (and
 * the admin's `src/migrate.ts`, the chart's migrations job) become `services/<name>/dist/*.mjs`,
 * with every `@koppel/*` workspace package compiled in and the third-party packages left to
 * node_modules (their require hooks, such as OpenTelemetry's, and PGlite's WASM files keep
 * working). Running a bundle with plain `node` spares each process tsx's loader thread and the
 * source maps it keeps of every file: about 50 MB of the 205 MB an idle ingest held under tsx.
 * A linked source map sits beside each bundle: `NODE_OPTIONS=--enable-source-maps` turns stack
 * traces back into TypeScript lines when needed (it costs the memory the bundle saves).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** `outfile` is relative to the repository (services/<service>/dist/<name>.mjs). */
export type BundleEntry = { service: string; entry: string; outfile: string };

/** The entry points of every deployable under `services/` (main.ts, and migrate.ts where present). */
export function deployableEntries(root: string): BundleEntry[] {
  const services = readdirSync(join(root, 'services'), { withFileTypes: true })
    .filter(
      (dirent) => dirent.isDirectory() && existsSync(join(root, 'services', dirent.name, 'src/main.ts')),
    )
    .map((dirent) => dirent.name)
    .sort();
  return services.flatMap((service) =>
    ['main', 'migrate']
      .filter((name) => existsSync(join(root, 'services', service, 'src', `${name}.ts`)))
      .map((name) => ({
        service,
        entry: join(root, 'services', service, 'src', `${name}.ts`),
        outfile: join('services', service, 'dist', `${name}.mjs`),
      })),
  );
}

/** Bare imports other than `@koppel/*` stay imports of node_modules. */
const thirdPartyStaysExternal: Plugin = {
  name: 'third-party-stays-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@koppel/') ? undefined : { path: args.path, external: true },
    );
  },
};

export type BundleResult = BundleEntry & { bytes: number };

/**
 * One entry point bundled as if written to `<root>/<outfile>` (so the source map's paths lead from
 * there to the sources: ../../../packages/...) and written under `outRoot`: the repository itself
 * by default, or a copy of its tree (an image's /app). Returns the bundle's size in bytes.
 */
export async function bundleFile(options: {
  root: string;
  /** Absolute, or relative to `root`. */
  entry: string;
  /** Relative to `root`, ending in .mjs. */
  outfile: string;
  outRoot?: string;
}): Promise<number> {
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: [options.entry],
    outfile: join(options.root, options.outfile),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // Paths in the map and the bundle's comments are relative, so a bundle is the same wherever
    // it is built (the images' layer digests stay stable).
    sourcemap: 'linked',
    plugins: [thirdPartyStaysExternal],
    logLevel: 'warning',
    legalComments: 'none',
  });
  let bytes = 0;
  for (const file of result.outputFiles) {
    const target = join(options.outRoot ?? options.root, relative(options.root, file.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
    if (target.endsWith('.mjs')) bytes = file.contents.byteLength;
  }
  return bytes;
}

export async function bundleDeployables(
  entries: BundleEntry[],
  root: string,
  outRoot: string = root,
): Promise<BundleResult[]> {
  return Promise.all(
    entries.map(async (entry) => ({
      ...entry,
      bytes: await bundleFile({ root, entry: entry.entry, outfile: entry.outfile, outRoot }),
    })),
  );
}
