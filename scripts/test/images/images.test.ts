// The daemonless images (docker/build-images.sh, docker/README.md): the checks that judge them
// fail on wrong input (a root user, a dev-only package, a writable file, another command), and the
// ingest image, when built, passes them all and starts from its own root filesystem against the
// real Kafka and Postgres until /healthz and /readyz answer. Building is on demand (`npm run
// images`, 1-2 minutes): without the image that part is skipped, saying so.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import t from 'tap';
import { parseDockerfileRuntime } from '../../../docker/dockerfile-runtime.js';
import type { ImageConfig } from '../../../docker/image-archive.js';
import {
  checkImageConfig,
  checkRootFilesystem,
  devOnlyPackagePaths,
  type RootFilesystemFacts,
} from '../../../docker/image-checks.js';
import { numericUser, parsePasswd } from '../../../docker/image-config.js';
import { readImagePlan, repositoryRoot } from '../../../docker/image-plan.js';
import { formatReport, missingImages, verifyImages } from '../../../docker/verify-images.js';

const runtime = parseDockerfileRuntime(readFileSync(resolve(repositoryRoot, 'docker/Dockerfile'), 'utf8'));
const passwd = parsePasswd(
  'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000::/home/node:/sbin/nologin\n',
);

function goodConfig(): ImageConfig {
  return {
    architecture: 'amd64',
    os: 'linux',
    config: {
      User: numericUser(runtime.user, passwd),
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', ...runtime.env],
      Cmd: runtime.cmd,
      WorkingDir: '/app/services/ingest',
      ExposedPorts: { '8080/tcp': {} },
      Volumes: { '/data': {} },
      Healthcheck: { Test: ['CMD', ...runtime.healthcheck.test] },
    },
    rootfs: { diff_ids: [] },
  };
}

const failedChecks = (config: ImageConfig, repoTags = ['koppel/ingest:0.1.0']) =>
  checkImageConfig(config, { service: 'ingest', appVersion: '0.1.0', runtime, passwd, repoTags })
    .filter((result) => !result.ok)
    .map((result) => result.name);

t.test('the Dockerfile runtime stage as data', async (t) => {
  t.same(runtime.cmd, ['node', 'dist/main.mjs']);
  t.equal(runtime.user, 'node');
  t.match(runtime.workdirTemplate, /^\/app\/services\/\$\{SERVICE\}$/);
  t.same(runtime.exposedPorts, ['8080/tcp']);
  t.same(runtime.volumes, ['/data']);
  t.ok(runtime.env.includes('NODE_ENV=production'));
  t.equal(runtime.healthcheck.intervalSeconds, 30);
  t.equal(numericUser('node', passwd), '1000:1000');
  t.equal(readImagePlan().deployables.includes('ingest'), true);
});

t.test('config checks pass a faithful config and fail each departure', async (t) => {
  t.same(failedChecks(goodConfig()), []);
  const asRoot = goodConfig();
  asRoot.config.User = '0:0';
  t.same(failedChecks(asRoot), ['user is not root']);
  const noUser = goodConfig();
  noUser.config.User = undefined;
  t.same(failedChecks(noUser), ['user is not root']);
  const otherCmd = goodConfig();
  otherCmd.config.Cmd = ['node', 'src/main.ts'];
  otherCmd.config.Entrypoint = ['/bin/sh', '-c'];
  t.same(failedChecks(otherCmd), ['entrypoint', 'cmd']);
  const devEnv = goodConfig();
  devEnv.config.Env = ['PATH=/usr/local/bin'];
  t.same(failedChecks(devEnv), ['environment']);
  t.same(failedChecks(goodConfig(), ['koppel/ingest:latest']), ['tag']);
});

t.test(
  'root filesystem checks fail on dev packages, foreign owners, writable or unreadable files',
  async (t) => {
    const clean = {
      devPackagesPresent: [],
      devPackagesChecked: 300,
      notOwnedByRoot: ['data', 'home/node'],
      writableByOthers: ['tmp'],
      unreadableByOthers: ['root'],
      unbundledServices: [],
    };
    const failed = (facts: RootFilesystemFacts) =>
      checkRootFilesystem(facts)
        .filter((result) => !result.ok)
        .map((result) => result.name);
    t.same(failed(clean), []);
    t.same(
      failed({
        ...clean,
        devPackagesPresent: ['node_modules/tap'],
        notOwnedByRoot: ['data', 'app/src/main.ts'],
        writableByOthers: ['tmp', 'app/node_modules/fastify/package.json'],
        unreadableByOthers: ['root', 'etc/passwd'],
        unbundledServices: ['mapping'],
      }),
      [
        'no dev-only package',
        'every deployable bundled',
        'files owned by root',
        'nothing writable but /tmp',
        'everything readable',
      ],
    );
    const devPaths = devOnlyPackagePaths(readFileSync(resolve(repositoryRoot, 'package-lock.json'), 'utf8'));
    for (const name of [
      'node_modules/tap',
      'node_modules/typescript',
      'node_modules/@biomejs/biome',
      'node_modules/tsx',
      'node_modules/esbuild',
    ]) {
      t.ok(devPaths.includes(name), `${name} is a dev-only path the check looks for`);
    }
  },
);

const missing = missingImages(['ingest']);
const notBuilt = missing.length > 0 && `not built (${missing.join(', ')}): run npm run images`;

t.test('the built ingest image passes every check and starts', { skip: notBuilt }, async (t) => {
  const report = await verifyImages({
    services: ['ingest'],
    start: ['ingest'],
    log: (line) => t.comment(line),
  });
  const results = report.flatMap((entry) => entry.results);
  t.same(
    results.filter((result) => !result.ok),
    [],
    formatReport(report),
  );
  t.ok(
    results.some(
      (result) => result.name === 'stops cleanly on SIGTERM' || result.detail.startsWith('SKIPPED'),
    ),
    'the service was started from the image (or the test is not root)',
  );
});
