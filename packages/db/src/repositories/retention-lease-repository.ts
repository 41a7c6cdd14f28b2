import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** The lease every retention purge (scheduled or asked for) takes: one purge at a time. */
export const RETENTION_PURGE_LEASE = 'retention-purge';

export type MaintenanceLease = {
  /** Pushes the lease out again; false when it was lost (ran out and another holder took it). */
  renew(): Promise<boolean>;
  /** Gives the lease up (and records when the job last finished). */
  release(): Promise<void>;
};

const until = (ms: number) => sql<Date>`now() + make_interval(secs => ${ms / 1000})`;

/**
 * Leases of background jobs on the database clock: one row per job, taken by a conditional
 * upsert (free, or its lease ran out), so of two replicas (or two requests) asking at once
 * exactly one gets it. A holder that dies leaves a lease that runs out after `leaseMs`.
 */
export function createRetentionLeaseRepository(db: Kysely<Database>) {
  return {
    async acquire(name: string, owner: string, leaseMs: number): Promise<MaintenanceLease | undefined> {
      const row = await db
        .insertInto('maintenance_leases')
        .values({ name, owner, lease_until: until(leaseMs) })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ owner, lease_until: until(leaseMs) })
            .where('maintenance_leases.lease_until', '<=', sql<Date>`now()`),
        )
        .returning('owner')
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        async renew() {
          const result = await db
            .updateTable('maintenance_leases')
            .set({ lease_until: until(leaseMs) })
            .where('name', '=', name)
            .where('owner', '=', owner)
            .executeTakeFirst();
          return result.numUpdatedRows > 0n;
        },
        async release() {
          await db
            .updateTable('maintenance_leases')
            .set({ lease_until: sql<Date>`now()`, last_finished_at: sql<Date>`now()` })
            .where('name', '=', name)
            .where('owner', '=', owner)
            .execute();
        },
      };
    },
  };
}

export type RetentionLeaseRepository = ReturnType<typeof createRetentionLeaseRepository>;
