import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The embedded mode's one data folder: everything that must survive a restart lives here. */
export function openDataFolder(path: string) {
  const root = resolve(path);
  mkdirSync(root, { recursive: true });
  /** Reads a small secret file, creating it with `make()` on first start (mode 0600). */
  const secret = (name: string, make: () => string): string => {
    const file = join(root, name);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    const value = make();
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
    return value;
  };
  return {
    root,
    file: (name: string) => join(root, name),
    secret,
    randomSecret: (name: string, bytes = 32) => secret(name, () => randomBytes(bytes).toString('hex')),
  };
}

export type DataFolder = ReturnType<typeof openDataFolder>;
