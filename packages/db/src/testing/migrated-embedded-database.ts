/**
 * For tests: an embedded (PGlite) database already migrated, in a fresh data directory. PGlite's
 * first start runs initdb inside WASM, several seconds of CPU per test file; instead each machine
 * makes one migrated template per schema (keyed by a hash of the migration sources and the
 * PGlite version) in the temp directory, and every test copies it, which takes a fraction of that.
 * The copy is a plain data directory: opening it is exactly what `npm start` does on a restart.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedDatabase, type DatabaseHandle } from '../create-database.js';
import { migrateToLatest } from '../migrate.js';

const MIGRATIONS = new URL('../migrations/', import.meta.url);

function schemaKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).sort()) {
    hash.update(name);
    hash.update(readFileSync(new URL(name, MIGRATIONS)));
  }
  // The PGlite build too (its package.json is not exported: read it next to the entry point).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const packageJson = join(entry.slice(0, entry.lastIndexOf('/@electric-sql/pglite/') + 21), 'package.json');
  hash.update(readFileSync(packageJson));
  return hash.digest('hex').slice(0, 16);
}

async function templateDirectory(): Promise<string> {
  const template = join(tmpdir(), `koppel-pglite-template-${schemaKey()}`);
  if (existsSync(template)) return template;
  // Built aside and renamed into place, so a test process never copies a half-made template;
  // when two build it at once, the first rename wins and the other is thrown away.
  const building = mkdtempSync(`${template}.building-`);
  const database = await createEmbeddedDatabase(building);
  await migrateToLatest(database.db);
  await database.close();
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

/**
 * Fills `dataDir` (an empty or missing directory) with a migrated PGlite data directory, for a test
 * that opens it itself, possibly again and again as a restarted process would.
 */
export async function seedMigratedEmbeddedDirectory(dataDir: string): Promise<void> {
  cpSync(await templateDirectory(), dataDir, { recursive: true });
}

/** A migrated PGlite database in `dataDir` (an empty or missing directory). */
export async function createMigratedEmbeddedDatabase(dataDir: string): Promise<DatabaseHandle> {
  await seedMigratedEmbeddedDirectory(dataDir);
  const database = await createEmbeddedDatabase(dataDir);
  await migrateToLatest(database.db);
  return database;
}
