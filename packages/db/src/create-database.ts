import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type ConnectionChanges, connectionChangeChannel } from './connection-changes.js';
import { createEmbeddedDataDirectoryApart } from './embedded-data-directory.js';
import type { Database } from './schema.js';

export type DatabaseHandle = {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** Changed connections, told before the writing statement returns (PGlite only; see the type). */
  connectionChanges?: ConnectionChanges;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/** A pooled connection to a real Postgres server. */
export function createPostgresDatabase(
  url: string,
  options: { maxConnections?: number } = {},
): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // A client in use when the server goes away (a restart: 57P01) emits 'error' too; its query
  // fails and the caller retries, so the event itself must not crash the process either.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}

/**
 * Postgres's default shared_buffers (128 MB) live inside PGlite's WASM memory, which only grows:
 * a process that has touched them all holds them for good. The one-process mode's working set is
 * small and the OS caches the data files below it anyway. Measured with `BENCH_SECTIONS=embedded
 * npm run bench`: 128 MB → 32 MB took the peak RSS from 789 to 684 MB at the same orders/s and
 * CPU; 16 MB saved nothing more.
 */
const EMBEDDED_START_PARAMS = ['-c', 'shared_buffers=32MB'];

/**
 * Embedded Postgres (PGlite, WASM) keeping its data in `dataDir` across restarts. A new data
 * directory is created in a child process first (embedded-data-directory.ts), so this process
 * holds what opening a database costs, not what creating one does.
 */
export async function createEmbeddedDatabase(dataDir: string): Promise<DatabaseHandle> {
  await createEmbeddedDataDirectoryApart(dataDir, EMBEDDED_START_PARAMS);
  // Loaded here, not at the top: every deployable of the Kafka mode bundles this module, and
  // none of them needs PGlite's JavaScript (about 10 MB of RSS) for a database it never opens.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_START_PARAMS],
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    connectionChanges: {
      listen: (onChange) => pglite.listen(connectionChangeChannel, onChange),
    },
    ping: () => pingDatabase(db),
    close: () => db.destroy(),
  };
}

async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch {
    return false;
  }
}
