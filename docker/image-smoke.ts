// Starts a deployable from its unpacked image the way the chart runs it, without a container
// engine: a private mount namespace where the image's root filesystem is mounted read-only
// (readOnlyRootFilesystem), /tmp is a fresh tmpfs (the chart's emptyDir), /proc and /dev are
// mounted; then `unshare --root --wd --setuid --setgid` enters it as the config's User and execs
// the config's Cmd with the config's Env. Needs root (mount namespaces, chroot).
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { ImageConfig } from './image-archive.js';

const enterImageScript = `set -e
root="$1" workdir="$2" uid="$3" gid="$4"; shift 4
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
exec /usr/bin/unshare --root="$root" --wd="$workdir" --setuid="$uid" --setgid="$gid" -- "$@"`;

export type StartedImage = {
  process: ChildProcess;
  /** stdout and stderr so far. */
  output: () => string;
  /** SIGTERM, then the exit code (null when a signal ended it) within `timeoutMs`. */
  stop: (timeoutMs: number) => Promise<number | null>;
};

export function startFromImage(
  rootfs: string,
  config: ImageConfig,
  extraEnv: Record<string, string>,
): StartedImage {
  const [uid = '', gid = uid] = (config.config.User ?? '').split(':');
  if (!/^\d+$/.test(uid) || !/^\d+$/.test(gid))
    throw new Error(`config User "${config.config.User}" is not uid:gid`);
  const cmd = [...(config.config.Entrypoint ?? []), ...(config.config.Cmd ?? [])];
  const env = Object.fromEntries(
    config.config.Env.map((entry) => [
      entry.slice(0, entry.indexOf('=')),
      entry.slice(entry.indexOf('=') + 1),
    ]),
  );
  // `env -i`: the process sees the image's Env and the given variables only, not what a parent
  // (a test runner adding NODE_OPTIONS to every child, say) put in the spawned environment.
  const environment = Object.entries({ ...env, HOME: '/home/node', ...extraEnv }).map(
    ([key, value]) => `${key}=${value}`,
  );
  const child = spawn(
    '/usr/bin/env',
    [
      '-i',
      ...environment,
      '/usr/bin/unshare',
      '--mount',
      '--propagation',
      'private',
      '--',
      '/bin/bash',
      '-c',
      enterImageScript,
      'enter-image',
      rootfs,
      config.config.WorkingDir ?? '/',
      uid,
      gid,
      ...cmd,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return {
    process: child,
    output: () => chunks.join(''),
    stop: async (timeoutMs) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const [code] = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Polls `url` until it answers 200; the status codes seen on the way are returned with the time. */
export async function waitForOk(
  url: string,
  timeoutMs: number,
  stillRunning: () => boolean,
): Promise<{ ok: boolean; milliseconds: number; lastStatus: string }> {
  const started = Date.now();
  let lastStatus = 'no answer';
  while (Date.now() - started < timeoutMs && stillRunning()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      lastStatus = String(response.status);
      if (response.ok) return { ok: true, milliseconds: Date.now() - started, lastStatus };
    } catch (error) {
      lastStatus = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 250));
  }
  return { ok: false, milliseconds: Date.now() - started, lastStatus };
}
