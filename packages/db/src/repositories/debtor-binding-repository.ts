import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export type ClaimResult = { kind: 'bound'; targetDebtorId: string } | { kind: 'claimed' } | { kind: 'busy' };

/**
 * Which debtor a target gave a customer, per connection. Creating a debtor is guarded by a
 * lease row: only the holder of an unexpired claim creates; others see `busy` and retry later.
 * A crashed holder's lease expires, and the next one searches the target before creating.
 */
export function createDebtorBindingRepository(db: Kysely<Database>) {
  return {
    async claim(connectionId: string, customerId: string, leaseMs: number): Promise<ClaimResult> {
      const until = new Date(Date.now() + leaseMs);
      const claimed = await db
        .insertInto('debtor_bindings')
        .values({
          connection_id: connectionId,
          customer_id: customerId,
          target_debtor_id: null,
          claimed_until: until,
        })
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'customer_id'])
            .doUpdateSet({ claimed_until: until, updated_at: new Date() })
            .where('debtor_bindings.target_debtor_id', 'is', null)
            .where((eb) =>
              eb.or([
                eb('debtor_bindings.claimed_until', 'is', null),
                eb('debtor_bindings.claimed_until', '<', sql<Date>`now()`),
              ]),
            ),
        )
        .returning(['target_debtor_id'])
        .executeTakeFirst();
      if (claimed) return { kind: 'claimed' };
      const existing = await db
        .selectFrom('debtor_bindings')
        .select('target_debtor_id')
        .where('connection_id', '=', connectionId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      if (existing?.target_debtor_id) return { kind: 'bound', targetDebtorId: existing.target_debtor_id };
      return { kind: 'busy' };
    },

    async bind(connectionId: string, customerId: string, targetDebtorId: string): Promise<void> {
      await db
        .insertInto('debtor_bindings')
        .values({
          connection_id: connectionId,
          customer_id: customerId,
          target_debtor_id: targetDebtorId,
          claimed_until: null,
        })
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'customer_id'])
            .doUpdateSet({ target_debtor_id: targetDebtorId, claimed_until: null, updated_at: new Date() }),
        )
        .execute();
    },

    /** Gives a claim up after a failed attempt so the retry (or another order) may claim at once. */
    async release(connectionId: string, customerId: string): Promise<void> {
      await db
        .updateTable('debtor_bindings')
        .set({ claimed_until: null, updated_at: new Date() })
        .where('connection_id', '=', connectionId)
        .where('customer_id', '=', customerId)
        .where('target_debtor_id', 'is', null)
        .execute();
    },

    async find(connectionId: string, customerId: string): Promise<string | null> {
      const row = await db
        .selectFrom('debtor_bindings')
        .select('target_debtor_id')
        .where('connection_id', '=', connectionId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      return row?.target_debtor_id ?? null;
    },
  };
}

export type DebtorBindingRepository = ReturnType<typeof createDebtorBindingRepository>;
