import { type Kysely, sql } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
import type { Database } from '../schema.js';

/** The right to create (or find and bind) one customer's debtor, until it expires on the database clock. */
export type DebtorClaim = {
  readonly connectionId: string;
  readonly customerId: string;
  /** The fencing token: `renew`, `bind` and `release` must carry it; a takeover bumps it. */
  readonly fence: number;
};

/** A customer's debtor in the target, and the digest of the details last synced to it (or null). */
export type BoundDebtor = { targetDebtorId: string; syncedDigest: string | null };

export type ClaimResult =
  | ({ kind: 'bound' } & BoundDebtor)
  | { kind: 'claimed'; claim: DebtorClaim }
  | { kind: 'busy' };

const claimEnd = (leaseMs: number) => sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;

/**
 * Which debtor a target gave a customer, per connection. Creating a debtor is guarded by a claim
 * with a fencing token: only the holder of an unexpired claim creates, renews it while it works,
 * and binds the result; others see `busy` and retry later. A holder whose claim expired and was
 * taken over cannot bind (its fence no longer matches). Times are the database's `now()`. A
 * crashed holder's claim expires, and the next one searches the target before creating.
 */
export function createDebtorBindingRepository(db: Kysely<Database>) {
  const ofClaim = (claim: DebtorClaim) =>
    db
      .updateTable('debtor_bindings')
      .where('connection_id', '=', claim.connectionId)
      .where('customer_id', '=', claim.customerId)
      .where('claim_fence', '=', claim.fence)
      .where('target_debtor_id', 'is', null);

  // Every delivery asks first whether its customer is bound: concurrent asks share one read.
  const boundDebtors = createGroupWriter(async (asks: { connectionId: string; customerId: string }[]) => {
    const rows = await db
      .selectFrom('debtor_bindings')
      .select(['connection_id', 'customer_id', 'target_debtor_id', 'synced_digest'])
      .where(
        sql<boolean>`(connection_id, customer_id) in (${sql.join(
          asks.map((ask) => sql`(${ask.connectionId}::text, ${ask.customerId}::text)`),
        )})`,
      )
      .execute();
    const bound = new Map<string, BoundDebtor>();
    for (const row of rows) {
      if (row.target_debtor_id === null) continue;
      bound.set(JSON.stringify([row.connection_id, row.customer_id]), {
        targetDebtorId: row.target_debtor_id,
        syncedDigest: row.synced_digest,
      });
    }
    return asks.map((ask) => bound.get(JSON.stringify([ask.connectionId, ask.customerId])) ?? null);
  });
  const findBound = (connectionId: string, customerId: string): Promise<BoundDebtor | null> =>
    boundDebtors({ connectionId, customerId });

  return {
    async claim(connectionId: string, customerId: string, leaseMs: number): Promise<ClaimResult> {
      // A binding, once made, stays: most orders come from known customers and end here.
      const known = await findBound(connectionId, customerId);
      if (known) return { kind: 'bound', ...known };
      const claimed = await db
        .insertInto('debtor_bindings')
        .values({
          connection_id: connectionId,
          customer_id: customerId,
          target_debtor_id: null,
          claimed_until: claimEnd(leaseMs),
          claim_fence: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'customer_id'])
            .doUpdateSet({
              claimed_until: claimEnd(leaseMs),
              claim_fence: sql`debtor_bindings.claim_fence + 1`,
              updated_at: sql`now()`,
            })
            .where('debtor_bindings.target_debtor_id', 'is', null)
            .where((eb) =>
              eb.or([
                eb('debtor_bindings.claimed_until', 'is', null),
                eb('debtor_bindings.claimed_until', '<=', sql<Date>`now()`),
              ]),
            ),
        )
        .returning(['claim_fence'])
        .executeTakeFirst();
      if (claimed)
        return { kind: 'claimed', claim: { connectionId, customerId, fence: claimed.claim_fence } };
      const existing = await findBound(connectionId, customerId);
      return existing ? { kind: 'bound', ...existing } : { kind: 'busy' };
    },

    /** Extends the claim by `leaseMs` from now; false when it expired, was taken over or is bound. */
    async renew(claim: DebtorClaim, leaseMs: number): Promise<boolean> {
      const row = await ofClaim(claim)
        .set({ claimed_until: claimEnd(leaseMs), updated_at: sql`now()` })
        .where('claimed_until', '>', sql<Date>`now()`)
        .returning('claim_fence')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Binds the debtor the holder created or found; false when another worker took the claim
     * over (its fence moved on) or bound the customer already. An expired claim nobody took over
     * still binds: the debtor exists in the target. `syncedDigest`: the details just written.
     */
    async bind(
      claim: DebtorClaim,
      targetDebtorId: string,
      syncedDigest: string | null = null,
    ): Promise<boolean> {
      const row = await ofClaim(claim)
        .set({
          target_debtor_id: targetDebtorId,
          synced_digest: syncedDigest,
          claimed_until: null,
          updated_at: sql`now()`,
        })
        .returning('claim_fence')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Gives a claim up after a failed attempt so the retry (or another order) may claim at once. */
    async release(claim: DebtorClaim): Promise<void> {
      await ofClaim(claim).set({ claimed_until: null, updated_at: sql`now()` }).execute();
    },

    /**
     * Records the digest of the details just written to (or found equal in) the bound debtor.
     * Kept only while the binding still names that debtor.
     */
    async recordSynced(
      connectionId: string,
      customerId: string,
      targetDebtorId: string,
      syncedDigest: string,
    ): Promise<void> {
      await db
        .updateTable('debtor_bindings')
        .set({ synced_digest: syncedDigest, updated_at: sql`now()` })
        .where('connection_id', '=', connectionId)
        .where('customer_id', '=', customerId)
        .where('target_debtor_id', '=', targetDebtorId)
        .execute();
    },

    /** The debtor bound to the customer, or null (unbound, or only claimed). */
    find: async (connectionId: string, customerId: string): Promise<string | null> =>
      (await findBound(connectionId, customerId))?.targetDebtorId ?? null,
  };
}

export type DebtorBindingRepository = ReturnType<typeof createDebtorBindingRepository>;
