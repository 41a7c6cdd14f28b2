import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  createRetentionLeaseRepository,
  createRetentionPurgeRepository,
  createRetentionSettingsRepository,
  type Database,
  DEFAULT_RETENTION_DAYS,
  type PurgeCounts,
  RETENTION_PURGE_LEASE,
} from '@koppel/db';
import type { Kysely } from 'kysely';

export type RetentionPurgeDeps = {
  db: Kysely<Database>;
  /** Rows per statement (default 500): each batch is one short transaction. */
  batchSize?: number;
  /** How long the purge lease holds between renewals, in milliseconds (default 60 000). */
  leaseMs?: number;
  /** Asked between batches: true stops the run there (the process is shutting down). */
  isStopping?: () => boolean;
};

export type TenantPurgeReport = {
  tenantId: string;
  retentionDays: number;
  cutoff: Date;
  purged: PurgeCounts;
};

export type PurgeRunReport = {
  tenants: TenantPurgeReport[];
  /** Rows of deleted connections and expired auth-failure windows (scheduled runs only). */
  shared: TenantPurgeReport | null;
  /** False when the lease was lost mid-run: the rest is left to the next run. */
  complete: boolean;
};

/** Which tenants a run purges: one (asked for by hand), or all of them and the shared tables. */
export type PurgeTarget = { tenantId: string } | { allTenants: true };

/**
 * One retention purge under the purge lease: `undefined` when another purge (another replica's
 * schedule, or a request) holds it, so two never run at once. Each tenant is purged with its own
 * retention; the lease is renewed between batches and a lost lease stops the run.
 */
export async function runRetentionPurge(
  deps: RetentionPurgeDeps,
  target: PurgeTarget,
): Promise<PurgeRunReport | undefined> {
  const leaseMs = deps.leaseMs ?? 60_000;
  const batchSize = deps.batchSize ?? 500;
  const lease = await createRetentionLeaseRepository(deps.db).acquire(
    RETENTION_PURGE_LEASE,
    `${hostname()}:${process.pid}:${randomUUID()}`,
    leaseMs,
  );
  if (!lease) return undefined;
  let complete = true;
  const options = {
    batchSize,
    keepGoing: async () => {
      complete = complete && !deps.isStopping?.() && (await lease.renew());
      return complete;
    },
  };
  const settings = createRetentionSettingsRepository(deps.db);
  const purge = createRetentionPurgeRepository(deps.db);
  try {
    const tenants =
      'tenantId' in target ? [await settings.get(target.tenantId)] : await settings.listTenants();
    const reports: TenantPurgeReport[] = [];
    for (const tenant of tenants) {
      if (!complete) break;
      const cutoff = await purge.cutoff(tenant.retentionDays);
      const purged = await purge.purgeTenant(tenant.tenantId, cutoff, options);
      reports.push({ tenantId: tenant.tenantId, retentionDays: tenant.retentionDays, cutoff, purged });
    }
    let shared: TenantPurgeReport | null = null;
    if ('allTenants' in target && complete) {
      const cutoff = await purge.cutoff(DEFAULT_RETENTION_DAYS);
      const purged = await purge.purgeShared(cutoff, options);
      shared = { tenantId: '', retentionDays: DEFAULT_RETENTION_DAYS, cutoff, purged };
    }
    return { tenants: reports, shared, complete };
  } finally {
    await lease.release().catch(() => {});
  }
}

/** Rows purged across a run, for one log line (counts only). */
export function totalPurged(report: PurgeRunReport): PurgeCounts {
  const total: Record<string, number> = {};
  for (const part of [...report.tenants, ...(report.shared ? [report.shared] : [])]) {
    for (const [table, n] of Object.entries(part.purged)) total[table] = (total[table] ?? 0) + n;
  }
  return total as PurgeCounts;
}
