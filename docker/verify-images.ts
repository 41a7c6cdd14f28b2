// Verifies the images docker/build-images.sh wrote, with checks that can fail (image-checks.ts):
// each config against docker/Dockerfile and the chart's tag; each distinct root filesystem
// unpacked and searched (owners, modes, dev-only packages); then one deployable started from its
// image (image-smoke.ts) against real Kafka and Postgres until /healthz and /readyz answer 200
// and a SIGTERM ends it cleanly.
// Usage: node --import tsx docker/verify-images.ts [--start=<service,...>|--start=all|--no-start] [service...]
//   (default: every deployable of the chart; started: ingest, or the first service named).
//   `npm run images:verify`; `npm run images:verify -- --start=all` starts each one in turn.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createIsolatedDatabase, resolveInfrastructure, uniqueRunId } from '@koppel/test-infra';
import { parseDockerfileRuntime } from './dockerfile-runtime.js';
import {
  extractRootFilesystem,
  type ImageConfig,
  readArchiveConfig,
  readArchiveManifest,
} from './image-archive.js';
import { type CheckResult, checkImageConfig, checkRootFilesystem } from './image-checks.js';
import { parsePasswd } from './image-config.js';
import { imageArchiveName, imagesDirectory, readImagePlan, repositoryRoot } from './image-plan.js';
import { readRootFilesystemFacts } from './image-rootfs-facts.js';
import { startFromImage, waitForOk } from './image-smoke.js';

export type VerifyReport = { subject: string; results: CheckResult[] }[];

export type VerifyOptions = {
  services?: string[];
  /** The deployables to start from their images (none when empty or left out). */
  start?: string[];
  log?: (line: string) => void;
};

/** Image files of `services` that are not built yet (empty: all there). */
export function missingImages(services: string[]): string[] {
  const { appVersion } = readImagePlan();
  return services
    .map((service) => resolve(imagesDirectory(appVersion), imageArchiveName(service, appVersion)))
    .filter((file) => !existsSync(file));
}

function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.KOPPEL_CACHE_DIR ?? resolve(env.HOME ?? '/root', '.cache/koppel');
}

/**
 * `crane validate --tarball` (go-containerregistry, the tool that wrote the file): every layer's
 * digest and diff_id recomputed and compared with the manifest and config, a second opinion on
 * the archive's consistency independent of the checks here.
 */
function craneValidate(file: string): CheckResult {
  const crane = resolve(cacheDirectory(), 'bin/crane');
  if (!existsSync(crane))
    return { name: 'crane validate', ok: false, detail: `${crane} missing: run npm run images` };
  const result = spawnSync(crane, ['validate', '--tarball', file], { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`.trim().split('\n').pop() ?? '';
  return { name: 'crane validate', ok: result.status === 0, detail: output.replace(file, '<archive>') };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function smokeTest(
  rootfs: string,
  config: ImageConfig,
  log: (line: string) => void,
): Promise<CheckResult[]> {
  if (process.getuid?.() !== 0) {
    return [
      { name: 'starts from the image', ok: true, detail: 'SKIPPED: needs root (mount namespace, chroot)' },
    ];
  }
  const infrastructure = await resolveInfrastructure();
  const database = await createIsolatedDatabase(infrastructure.databaseUrl);
  const port = await freePort();
  const running = startFromImage(rootfs, config, {
    PORT: String(port),
    HOST: '127.0.0.1',
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
    DATABASE_URL: database.url,
    TOPIC_PREFIX: `img${uniqueRunId()}.`,
    CREDENTIALS_KEY: randomBytes(32).toString('hex'),
    ADMIN_API_KEYS: randomBytes(24).toString('hex'),
    PUBLIC_WEBHOOK_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
  });
  try {
    const alive = () => running.process.exitCode === null && running.process.signalCode === null;
    const health = await waitForOk(`http://127.0.0.1:${port}/healthz`, 60_000, alive);
    const ready = health.ok ? await waitForOk(`http://127.0.0.1:${port}/readyz`, 30_000, alive) : health;
    const exitCode = await running.stop(20_000);
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const results = [
      {
        name: 'starts from the image',
        ok: health.ok,
        detail: health.ok
          ? `/healthz 200 ${seconds(health.milliseconds)} after start (uid ${config.config.User}, read-only root, tmpfs /tmp)`
          : `/healthz: ${health.lastStatus}`,
      },
      { name: 'ready on Kafka and Postgres', ok: ready.ok, detail: `/readyz ${ready.lastStatus}` },
      { name: 'stops cleanly on SIGTERM', ok: exitCode === 0, detail: `exit code ${exitCode}` },
    ];
    if (results.some((result) => !result.ok)) log(`output of the process:\n${running.output().slice(-4000)}`);
    return results;
  } finally {
    await running.stop(5_000);
    await database.drop();
  }
}

/**
 * Where the layers are unpacked: KOPPEL_IMAGE_VERIFY_DIR, else /dev/shm (a tmpfs: ~450 MB of
 * small files unpack in seconds there, in a minute on a busy disk) when it has 2 GB free, else
 * the cache folder.
 */
function verifyWorkRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KOPPEL_IMAGE_VERIFY_DIR) return env.KOPPEL_IMAGE_VERIFY_DIR;
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize > 2 * 1024 ** 3) return '/dev/shm/koppel-image-verify';
  } catch {
    // no /dev/shm: the cache folder below
  }
  return resolve(cacheDirectory(env), 'image-verify');
}

export async function verifyImages(options: VerifyOptions = {}): Promise<VerifyReport> {
  const log = options.log ?? (() => {});
  const plan = readImagePlan();
  const services = options.services ?? plan.deployables;
  const runtime = parseDockerfileRuntime(readFileSync(resolve(repositoryRoot, 'docker/Dockerfile'), 'utf8'));
  const images = services.map((service) => {
    const file = resolve(imagesDirectory(plan.appVersion), imageArchiveName(service, plan.appVersion));
    if (!existsSync(file)) throw new Error(`${file} is not built: run npm run images`);
    const manifest = readArchiveManifest(file);
    return { service, file, manifest, config: readArchiveConfig(file, manifest) };
  });
  const workRoot = verifyWorkRoot();
  mkdirSync(workRoot, { recursive: true });
  const work = mkdtempSync(join(workRoot, 'run-'));
  const report: VerifyReport = [];
  try {
    // Images with the same layers share one unpacked root filesystem.
    const rootfsByLayers = new Map<string, string>();
    for (const image of images) {
      const layersKey = image.config.rootfs.diff_ids.join(',');
      let rootfs = rootfsByLayers.get(layersKey);
      if (!rootfs) {
        rootfs = join(work, `rootfs-${rootfsByLayers.size}`);
        const unpackStarted = Date.now();
        extractRootFilesystem(image.file, rootfs, image.manifest);
        log(
          `unpacked the layers of ${image.service} in ${((Date.now() - unpackStarted) / 1000).toFixed(1)} s`,
        );
        rootfsByLayers.set(layersKey, rootfs);
        report.push({
          subject: `root filesystem (${image.config.rootfs.diff_ids.length} layers, as in ${image.service})`,
          results: checkRootFilesystem(readRootFilesystemFacts(rootfs)),
        });
      }
      const passwd = parsePasswd(readFileSync(join(rootfs, 'etc/passwd'), 'utf8'));
      const results = checkImageConfig(image.config, {
        service: image.service,
        appVersion: plan.appVersion,
        runtime,
        passwd,
        repoTags: image.manifest.RepoTags,
      });
      const main = join(rootfs, image.config.config.WorkingDir ?? '/', 'dist/main.mjs');
      results.push(craneValidate(image.file));
      results.push({
        name: 'dist/main.mjs in the working directory',
        ok: existsSync(main),
        detail: main.slice(rootfs.length),
      });
      if (options.start?.includes(image.service))
        results.push(...(await smokeTest(rootfs, image.config, log)));
      report.push({ subject: image.manifest.RepoTags.join(', '), results });
    }
    return report;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function formatReport(report: VerifyReport): string {
  return report
    .map(({ subject, results }) =>
      [subject, ...results.map((r) => `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.detail}`)].join('\n'),
    )
    .join('\n');
}

if (process.argv[1] === import.meta.filename) {
  const args = process.argv.slice(2);
  const startArg = args.find((arg) => arg.startsWith('--start='));
  const services = args.filter((arg) => !arg.startsWith('--'));
  const chosen = services.length > 0 ? services : readImagePlan().deployables;
  const startList = startArg?.slice('--start='.length);
  const start = args.includes('--no-start')
    ? []
    : startList === 'all'
      ? chosen
      : (startList?.split(',') ?? [services[0] ?? 'ingest']);
  const started = Date.now();
  const report = await verifyImages({
    services: chosen,
    start,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${formatReport(report)}\n`);
  const failed = report.flatMap((entry) => entry.results).filter((result) => !result.ok);
  process.stdout.write(
    `${failed.length === 0 ? 'all checks passed' : `${failed.length} check(s) FAILED`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}
