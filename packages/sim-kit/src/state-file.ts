import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Optional JSON persistence of a simulator's in-memory state. Writes go to a temp file that is
 * renamed into place, so a crash never leaves half a file.
 */
export type StateFile<T> = { load(): T | undefined; save(state: T): void };

export function createStateFile<T>(path: string | undefined): StateFile<T> {
  return {
    load() {
      if (!path || !existsSync(path)) return undefined;
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    },
    save(state) {
      if (!path) return;
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, path);
    },
  };
}
