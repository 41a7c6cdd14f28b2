/**
 * Creating a PGlite database runs initdb inside WASM, and the WASM memory it grows to (several
 * hundred MB) is never given back: measured, a process that created and migrated its database
 * held 160–330 MB more than one that opened it (407–592 against 248–262 MB under tsx), and kept
 * it. So a new data directory is created by a
 * short-lived child process (same Node, same PGlite), and the caller then opens it as every
 * later start does.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `dataDir` already holds a PGlite (Postgres) data directory. */
export function isEmbeddedDataDirectory(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/** Creates the data directory in a child process, unless it exists; rejects with the child's output. */
export async function createEmbeddedDataDirectoryApart(
  dataDir: string,
  startParams: readonly string[],
): Promise<void> {
  if (isEmbeddedDataDirectory(dataDir)) return;
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const script = [
    `const { PGlite } = await import(${JSON.stringify(pglite)});`,
    `const db = await PGlite.create(${JSON.stringify(dataDir)}, { startParams: [...PGlite.defaultStartParams, ...${JSON.stringify(startParams)}] });`,
    'await db.close();',
  ].join('\n');
  try {
    await run(process.execPath, ['--input-type=module', '--eval', script], { timeout: 300_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`creating the embedded database in ${dataDir} failed${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  }
}
