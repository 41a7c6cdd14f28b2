// The facts image-checks.ts judges, read off an unpacked root filesystem (image-archive.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devOnlyPackagePaths, type RootFilesystemFacts } from './image-checks.js';

type Entry = { path: string; uid: number; mode: number };

/** Every path of the root filesystem but symlinks, with owner and permission bits (one `find`). */
function listEntries(rootfs: string): Entry[] {
  const output = execFileSync(
    'find',
    [rootfs, '-mindepth', '1', '!', '-type', 'l', '-printf', '%U %m %P\\n'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [uid = '', mode = '', ...path] = line.split(' ');
      return { uid: Number(uid), mode: Number.parseInt(mode, 8), path: path.join(' ') };
    });
}

function existsNoFollow(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Folders of /app/services with a src/main.ts but no dist/main.mjs. */
function unbundledServices(rootfs: string): string[] {
  const services = join(rootfs, 'app/services');
  return readdirSync(services)
    .filter((name) => existsSync(join(services, name, 'src/main.ts')))
    .filter((name) => !existsSync(join(services, name, 'dist/main.mjs')))
    .sort();
}

export function readRootFilesystemFacts(rootfs: string): RootFilesystemFacts {
  const devPaths = devOnlyPackagePaths(readFileSync(join(rootfs, 'app/package-lock.json'), 'utf8'));
  const entries = listEntries(rootfs);
  const paths = (keep: (entry: Entry) => boolean) =>
    entries
      .filter(keep)
      .map((entry) => entry.path)
      .sort();
  return {
    devPackagesPresent: devPaths.filter((path) => existsNoFollow(join(rootfs, 'app', path))),
    devPackagesChecked: devPaths.length,
    notOwnedByRoot: paths((entry) => entry.uid !== 0),
    // Writable by the group or by others: mode bits 0o020 or 0o002.
    writableByOthers: paths((entry) => (entry.mode & 0o022) !== 0),
    unreadableByOthers: paths((entry) => (entry.mode & 0o004) === 0),
    unbundledServices: unbundledServices(rootfs),
  };
}
