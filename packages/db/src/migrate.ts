import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as initial from './migrations/0001-initial.js';
import * as connectorPlatform from './migrations/0002-connector-platform.js';
import * as deliveryLeases from './migrations/0003-delivery-leases.js';
import * as parkedRecords from './migrations/0004-parked-records.js';
import * as authFailures from './migrations/0005-auth-failures.js';
import * as inboxClaims from './migrations/0007-inbox-claims.js';
import * as documentRequested from './migrations/0008-document-requested.js';
import * as stockSync from './migrations/0009-stock-sync.js';
import * as productSync from './migrations/0010-product-sync.js';
import * as operations from './migrations/0011-operations.js';
import * as notifications from './migrations/0012-notifications.js';
import * as retention from './migrations/0013-retention.js';
import * as targetRateBuckets from './migrations/0014-target-rate-buckets.js';
import * as connectionChangeNotices from './migrations/0015-connection-change-notices.js';
import * as debtorSyncedDigest from './migrations/0016-debtor-synced-digest.js';
import * as ledgerBookedNumber from './migrations/0017-ledger-booked-number.js';
import type { Database } from './schema.js';

/** Migrations are listed in code (not read from disk) so bundles and tsx run them alike. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-connector-platform': connectorPlatform,
  '0003-delivery-leases': deliveryLeases,
  '0004-parked-records': parkedRecords,
  '0005-auth-failures': authFailures,
  '0007-inbox-claims': inboxClaims,
  '0008-document-requested': documentRequested,
  '0009-stock-sync': stockSync,
  '0010-product-sync': productSync,
  '0011-operations': operations,
  '0012-notifications': notifications,
  '0013-retention': retention,
  '0014-target-rate-buckets': targetRateBuckets,
  '0015-connection-change-notices': connectionChangeNotices,
  '0016-debtor-synced-digest': debtorSyncedDigest,
  '0017-ledger-booked-number': ledgerBookedNumber,
};

/** Every migration's name, in the order they apply (tests compare it with what a database recorded). */
export const migrationNames: readonly string[] = Object.freeze(Object.keys(migrations).sort());

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; safe to run from every service at start (Kysely locks). */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(
      `database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Migrations this release knows that the database has not applied yet, in order. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const known = await migrator.getMigrations();
  return known.filter((migration) => migration.executedAt === undefined).map((m) => m.name);
}

/**
 * For a deployable that does not migrate at start (the Helm chart's migrations Job does): waits
 * until the schema has every migration of this release, so pods started beside the Job (or
 * before it, with CloudNativePG's post-install Job) wait instead of failing on a missing table.
 * Throws after `timeoutMs`, naming what is missing and how to apply it.
 */
export async function waitForMigrations(
  db: Kysely<Database>,
  options: { timeoutMs: number; pollMs?: number; onWait?: (pending: string[]) => void },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const pending = await pendingMigrations(db).catch(() => [...migrationNames]);
    if (pending.length === 0) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `the database lacks ${pending.length} migration(s) of this release (${pending.join(', ')}); ` +
          "run them (the chart's migrate Job, or `node --import tsx services/admin/src/migrate.ts`) " +
          'or start with MIGRATE_ON_START=true',
      );
    }
    options.onWait?.(pending);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
  }
}
