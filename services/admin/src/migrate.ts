// The database migrations alone, then exit: the Helm chart's pre-install/pre-upgrade hook Job
// (charts/koppel) runs `node --import tsx src/migrate.ts` in the admin image, so a release migrates
// once instead of in every pod at once. The chart starts the deployables with MIGRATE_ON_START=false,
// so they wait for a current schema instead (Kysely's lock keeps concurrent runs safe either way).
import { ConfigError, parseConfig } from '@koppel/config';
import { createPostgresDatabase, migrateToLatest, migrationNames } from '@koppel/db';
import { z } from 'zod';

const migrateEnvSchema = z.object({
  /** Postgres connection URL. No default: it holds a password. */
  DATABASE_URL: z.url(),
});

const config = (() => {
  try {
    return parseConfig('migrate', migrateEnvSchema);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
})();

const database = createPostgresDatabase(config.DATABASE_URL, { maxConnections: 1 });
try {
  await migrateToLatest(database.db);
  process.stdout.write(`database migrated: ${migrationNames.length} migrations applied or already present\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
