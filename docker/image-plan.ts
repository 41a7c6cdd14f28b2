// What docker/build-images.sh builds, read from the chart and the lockfile so the images and the
// chart's default tags cannot drift: `node --import tsx docker/image-plan.ts <key>` prints one of
//   appVersion    the chart's appVersion, the tag of every image (charts/koppel/Chart.yaml)
//   deployables   one per line: the deployables the chart runs (charts/koppel/values.yaml)
//   nodeVersion   the Node version the lockfile pins (root devDependency `node`)
//   tsxVersion    the tsx version the lockfile pins (the Dockerfile's tsx stage installs the same)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const repositoryRoot = resolve(import.meta.dirname, '..');

const chartSchema = z.object({ appVersion: z.string().min(1) });
const valuesSchema = z.object({ deployables: z.record(z.string(), z.unknown()) });
const lockSchema = z.object({
  packages: z.object({
    'node_modules/node': z.object({ version: z.string().min(1) }),
    'node_modules/tsx': z.object({ version: z.string().min(1) }),
  }),
});

export type ImagePlan = {
  appVersion: string;
  deployables: string[];
  nodeVersion: string;
  tsxVersion: string;
};

function readText(path: string): string {
  return readFileSync(resolve(repositoryRoot, path), 'utf8');
}

export function readImagePlan(): ImagePlan {
  const chart = chartSchema.parse(parse(readText('charts/koppel/Chart.yaml')));
  const values = valuesSchema.parse(parse(readText('charts/koppel/values.yaml')));
  const lock = lockSchema.parse(JSON.parse(readText('package-lock.json')));
  return {
    appVersion: chart.appVersion,
    deployables: Object.keys(values.deployables),
    nodeVersion: lock.packages['node_modules/node'].version,
    tsxVersion: lock.packages['node_modules/tsx'].version,
  };
}

/** The file name build-images.sh gives the image of a deployable. */
export function imageArchiveName(service: string, appVersion: string): string {
  return `koppel-${service}-${appVersion}.tar`;
}

/** Where build-images.sh writes the images unless KOPPEL_IMAGES_DIR says otherwise. */
export function imagesDirectory(appVersion: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOPPEL_IMAGES_DIR) return env.KOPPEL_IMAGES_DIR;
  const cache = env.KOPPEL_CACHE_DIR ?? resolve(env.HOME ?? '/root', '.cache/koppel');
  return resolve(cache, 'images', appVersion);
}

const keySchema = z.enum(['appVersion', 'deployables', 'nodeVersion', 'tsxVersion']);

if (process.argv[1] === import.meta.filename) {
  const key = keySchema.parse(process.argv[2]);
  const value = readImagePlan()[key];
  process.stdout.write(`${Array.isArray(value) ? value.join('\n') : value}\n`);
}
