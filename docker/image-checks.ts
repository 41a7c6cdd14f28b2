// What a built image must be, as checks that can fail: its config against docker/Dockerfile's
// runtime stage and the chart's tag, and its root filesystem (non-root, read-only code, no
// dev-only package). Pure: the facts come in, the verdicts go out (verify-images.ts gathers them).
import { z } from 'zod';
import { type DockerfileRuntime, workdirOf } from './dockerfile-runtime.js';
import type { ImageConfig } from './image-archive.js';
import type { PasswdEntry } from './image-config.js';

export type CheckResult = { name: string; ok: boolean; detail: string };

function check(name: string, ok: boolean, detail: string): CheckResult {
  return { name, ok, detail };
}

const sameList = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

/** uid of a config User ("1000", "1000:1000", "node", "node:node"), through the image's passwd. */
export function userId(user: string | undefined, passwd: PasswdEntry[]): number | undefined {
  const name = (user ?? '').split(':')[0] ?? '';
  if (name === '') return 0;
  if (/^\d+$/.test(name)) return Number(name);
  return passwd.find((entry) => entry.name === name)?.uid;
}

export type ConfigExpectations = {
  service: string;
  appVersion: string;
  runtime: DockerfileRuntime;
  passwd: PasswdEntry[];
  repoTags: string[];
};

export function checkImageConfig(image: ImageConfig, expected: ConfigExpectations): CheckResult[] {
  const { config } = image;
  const { runtime, passwd } = expected;
  const tag = `koppel/${expected.service}:${expected.appVersion}`;
  const uid = userId(config.User, passwd);
  const dockerfileUid = userId(runtime.user, passwd);
  const keys = (record: Record<string, unknown> | undefined) => Object.keys(record ?? {}).sort();
  const path =
    config.Env.find((entry) => entry.startsWith('PATH='))
      ?.slice(5)
      .split(':') ?? [];
  return [
    check(
      'tag',
      sameList(expected.repoTags, [tag]),
      `${expected.repoTags.join(', ')} (chart default ${tag})`,
    ),
    check(
      'platform',
      image.os === 'linux' && image.architecture === 'amd64',
      `${image.os}/${image.architecture}`,
    ),
    check(
      'user is not root',
      uid !== undefined && uid !== 0 && uid === dockerfileUid,
      `User ${config.User ?? '(none)'} = uid ${uid}; Dockerfile USER ${runtime.user} = uid ${dockerfileUid}`,
    ),
    check(
      'entrypoint',
      (config.Entrypoint ?? []).length === 0,
      `${JSON.stringify(config.Entrypoint ?? null)} (Cmd runs as is)`,
    ),
    check('cmd', sameList(config.Cmd ?? [], runtime.cmd), JSON.stringify(config.Cmd)),
    check(
      'working directory',
      config.WorkingDir === workdirOf(runtime, expected.service),
      `${config.WorkingDir} (Dockerfile ${workdirOf(runtime, expected.service)})`,
    ),
    check(
      'environment',
      runtime.env.every((entry) => config.Env.includes(entry)) && path.includes('/usr/local/bin'),
      config.Env.join(' '),
    ),
    check(
      'exposed ports',
      sameList(keys(config.ExposedPorts), [...runtime.exposedPorts].sort()),
      keys(config.ExposedPorts).join(' '),
    ),
    check(
      'volumes',
      sameList(keys(config.Volumes), [...runtime.volumes].sort()),
      keys(config.Volumes).join(' '),
    ),
    check(
      'healthcheck',
      sameList(config.Healthcheck?.Test ?? [], ['CMD', ...runtime.healthcheck.test]),
      (config.Healthcheck?.Test ?? []).slice(0, 3).join(' '),
    ),
  ];
}

const lockfileSchema = z.object({
  packages: z.record(z.string(), z.object({ dev: z.boolean().optional() })),
});

/** Install paths (relative to /app) of the lockfile's dev-only packages: none may be in the image. */
export function devOnlyPackagePaths(lockfileText: string): string[] {
  const lock = lockfileSchema.parse(JSON.parse(lockfileText));
  return Object.entries(lock.packages)
    .filter(([path, entry]) => entry.dev === true && path.includes('node_modules/'))
    .map(([path]) => path);
}

export type RootFilesystemFacts = {
  /** Lockfile dev-only packages found under /app. */
  devPackagesPresent: string[];
  devPackagesChecked: number;
  /** Paths not owned by root (uid 0), symlinks left out. */
  notOwnedByRoot: string[];
  /** Paths group- or world-writable, symlinks left out. */
  writableByOthers: string[];
  /** Paths others cannot read. */
  unreadableByOthers: string[];
  /** Deployables (services/<name>/src/main.ts under /app) without the dist/main.mjs the Cmd runs. */
  unbundledServices: string[];
};

/** The process's own folders: /data (the volume) and node's home. */
const ownedByNodeAllowed = ['data', 'home/node'];
const writableAllowed = ['tmp'];
const unreadableAllowed = ['root'];

export function checkRootFilesystem(facts: RootFilesystemFacts): CheckResult[] {
  const unexpected = (paths: string[], allowed: string[]) => paths.filter((path) => !allowed.includes(path));
  const show = (paths: string[]) => (paths.length === 0 ? 'none' : paths.slice(0, 10).join(', '));
  const notRoot = unexpected(facts.notOwnedByRoot, ownedByNodeAllowed);
  const writable = unexpected(facts.writableByOthers, writableAllowed);
  const unreadable = unexpected(facts.unreadableByOthers, unreadableAllowed);
  return [
    check(
      'no dev-only package',
      facts.devPackagesPresent.length === 0,
      `${facts.devPackagesChecked} dev-only lockfile entries checked; present: ${show(facts.devPackagesPresent)}`,
    ),
    check(
      'every deployable bundled',
      facts.unbundledServices.length === 0,
      `services/<name>/dist/main.mjs missing for: ${show(facts.unbundledServices)}`,
    ),
    check('files owned by root', notRoot.length === 0, `others than root own: ${show(facts.notOwnedByRoot)}`),
    check(
      'nothing writable but /tmp',
      writable.length === 0,
      `group/world-writable: ${show(facts.writableByOthers)}`,
    ),
    check(
      'everything readable',
      unreadable.length === 0,
      `unreadable by others: ${show(facts.unreadableByOthers)}`,
    ),
  ];
}
