import { createIsolatedDatabase, resolveInfrastructure } from '@koppel/test-infra';
import type { Test } from 'tap';
import {
  createEmbeddedDatabase,
  createPostgresDatabase,
  type DatabaseHandle,
  migrateToLatest,
} from '../src/index.js';
import { createMigratedEmbeddedDatabase } from '../src/testing/index.js';

/** Every engine the package supports; tests loop over all of them. */
export const databaseKinds = ['postgres', 'pglite'] as const;
export type DatabaseKind = (typeof databaseKinds)[number];

/**
 * A fresh, empty database of `kind` (not migrated): an isolated database on the real server, or
 * PGlite in the test's own fixture directory. Closed and dropped when the test ends.
 */
export async function openFreshDatabase(t: Test, kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await createEmbeddedDatabase(t.testdir());
    t.teardown(() => handle.close());
    return handle;
  }
  const infra = await resolveInfrastructure();
  const isolated = await createIsolatedDatabase(infra.databaseUrl);
  const handle = createPostgresDatabase(isolated.url);
  t.teardown(async () => {
    await handle.close();
    await isolated.drop();
  });
  return handle;
}

/**
 * A fresh database of `kind` with every migration applied. PGlite is copied from the migrated
 * template (`@koppel/db/testing`): initdb and the migrations inside WASM are several seconds of CPU
 * per database, which the suite would otherwise pay for every test. migrate.test.ts still runs the
 * migrations from an empty database on both engines.
 */
export async function openMigratedDatabase(t: Test, kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const handle = await createMigratedEmbeddedDatabase(t.testdir());
    t.teardown(() => handle.close());
    return handle;
  }
  const handle = await openFreshDatabase(t, kind);
  await migrateToLatest(handle.db);
  return handle;
}
