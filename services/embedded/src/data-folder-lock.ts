import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Another live process holds the data folder. */
export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(
    readonly root: string,
    readonly pid: number,
  ) {
    super(
      `another Koppel (pid ${pid}) is running on the data folder ${root}; stop it first, or give this one ` +
        'its own folder (KOPPEL_DATA_DIR)',
    );
  }
}

/**
 * Makes this process the data folder's only user: `koppel.pid` is created exclusively and holds
 * our pid. A file left by a process that is gone (kill -9, a crash, a container restarted as the
 * same pid) is taken over; one whose pid is alive refuses the start, because two processes on one
 * PGlite folder would corrupt it, and the embedded mode's start-up frees every lease in it as a
 * previous run's (`freeLeasesOfPreviousRun`). A pid file rather than an mtime-heartbeat lock
 * (proper-lockfile): PGlite runs on the event loop and can hold it past a heartbeat, and a
 * heartbeat lock left by a kill -9 would keep the restart waiting until it goes stale.
 */
export function lockDataFolder(root: string): { release(): void } {
  const file = join(root, 'koppel.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return {
        release() {
          if (holderOf(file) === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new DataFolderInUseError(root, holder);
      }
      // Left by a process that is gone: take it over (a racing start may win; then we try once more).
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  throw new DataFolderInUseError(root, holderOf(file) ?? 0);
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
