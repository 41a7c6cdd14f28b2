import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** The right to deliver one order, until it expires on the database clock. */
export type DeliveryLease = {
  readonly connectionId: string;
  readonly externalOrderId: string;
  /** The fencing token: every write of this holder must carry it; a takeover bumps it. */
  readonly fence: number;
};

export type LedgerAcquisition =
  | {
      kind: 'acquired';
      lease: DeliveryLease;
      attempts: number;
      /**
       * When an earlier attempt sent the create of the document (database clock), null when none
       * did; an attempt whose create surely failed clears it (`clearDocumentRequest`).
       */
      documentRequestedAt: Date | null;
    }
  | { kind: 'delivered'; documentId: string | null }
  /** Another worker holds an unexpired lease; it ends in `remainingMs` at the latest. */
  | { kind: 'held'; remainingMs: number };

const leaseEnd = (leaseMs: number) => sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;

/**
 * One row per (connection, external order id): the guard against booking an order twice, as an
 * owned lease with a fencing token. `acquire` is one upsert that takes the row only when it is
 * not delivered and its lease is free or expired, bumping `lease_fence`; concurrent acquirers
 * are serialised by Postgres on the row, so exactly one wins. Only the holder may renew and mark
 * delivered (the fence must match), so a worker whose lease expired and was taken over cannot
 * write. Every time is the database's `now()`, so replicas with skewed clocks agree. A crashed
 * holder's lease simply expires; the next holder looks in the target before creating.
 */
export function createDeliveryLedgerRepository(db: Kysely<Database>) {
  const ofLease = (lease: DeliveryLease) =>
    db
      .updateTable('delivery_ledger')
      .where('connection_id', '=', lease.connectionId)
      .where('external_order_id', '=', lease.externalOrderId)
      .where('lease_fence', '=', lease.fence)
      .where('state', '=', 'delivering');

  return {
    async acquire(
      connectionId: string,
      externalOrderId: string,
      documentNumber: string,
      leaseMs: number,
    ): Promise<LedgerAcquisition> {
      const taken = await db
        .insertInto('delivery_ledger')
        .values({
          connection_id: connectionId,
          external_order_id: externalOrderId,
          state: 'delivering',
          document_number: documentNumber,
          attempts: 1,
          lease_fence: 1,
          lease_until: leaseEnd(leaseMs),
        })
        .onConflict((oc) =>
          oc
            .columns(['connection_id', 'external_order_id'])
            .doUpdateSet({
              attempts: sql`delivery_ledger.attempts + 1`,
              lease_fence: sql`delivery_ledger.lease_fence + 1`,
              lease_until: leaseEnd(leaseMs),
              updated_at: sql`now()`,
            })
            .where('delivery_ledger.state', '=', 'delivering')
            .where((eb) =>
              eb.or([
                eb('delivery_ledger.lease_until', 'is', null),
                eb('delivery_ledger.lease_until', '<=', sql<Date>`now()`),
              ]),
            ),
        )
        .returning(['lease_fence', 'attempts', 'document_requested_at'])
        .executeTakeFirst();
      if (taken) {
        return {
          kind: 'acquired',
          lease: { connectionId, externalOrderId, fence: taken.lease_fence },
          attempts: taken.attempts,
          documentRequestedAt: toDate(taken.document_requested_at),
        };
      }
      const row = await db
        .selectFrom('delivery_ledger')
        .select([
          'state',
          'document_id',
          sql<number>`greatest(0, extract(epoch from (lease_until - now())) * 1000)::float8`.as(
            'remaining_ms',
          ),
        ])
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .executeTakeFirstOrThrow();
      if (row.state === 'delivered') return { kind: 'delivered', documentId: row.document_id };
      return { kind: 'held', remainingMs: Math.ceil(Number(row.remaining_ms ?? 0)) };
    },

    /** Extends the lease by `leaseMs` from now; false when it expired or another worker took it. */
    async renew(lease: DeliveryLease, leaseMs: number): Promise<boolean> {
      const row = await ofLease(lease)
        .set({ lease_until: leaseEnd(leaseMs), updated_at: sql`now()` })
        .where('lease_until', '>', sql<Date>`now()`)
        .returning('lease_fence')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Renews the lease by `leaseMs` and records that the create of the document is being sent
     * now, right before the call; the database time, or null when the lease expired or another
     * worker took it (the caller must not send then). `request` is the body being sent
     * (credentials removed, bounded) for the operator's order detail, stored in the same update.
     */
    async markDocumentRequested(
      lease: DeliveryLease,
      leaseMs: number,
      request?: unknown,
    ): Promise<Date | null> {
      const row = await ofLease(lease)
        .set({
          document_requested_at: sql`now()`,
          lease_until: leaseEnd(leaseMs),
          updated_at: sql`now()`,
          ...(request === undefined ? {} : { document_request: JSON.stringify(request) }),
        })
        .where('lease_until', '>', sql<Date>`now()`)
        .returning('document_requested_at')
        .executeTakeFirst();
      return row ? toDate(row.document_requested_at) : null;
    },

    /** Forgets the create sent under this lease: the target surely did not book it (it refused). */
    async clearDocumentRequest(lease: DeliveryLease): Promise<boolean> {
      const row = await ofLease(lease)
        .set({ document_requested_at: null, updated_at: sql`now()` })
        .returning('lease_fence')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Records the document, by the lease's holder only; false when another worker took the lease
     * over (that worker finds the document in the target). An expired lease nobody took over
     * still marks: the document exists, and the row says so.
     */
    async markDelivered(lease: DeliveryLease, documentId: string): Promise<boolean> {
      const row = await ofLease(lease)
        .set({ state: 'delivered', document_id: documentId, lease_until: null, updated_at: sql`now()` })
        .returning('lease_fence')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Gives the lease up after a failed attempt, so the retry may acquire it at once. */
    async release(lease: DeliveryLease): Promise<void> {
      await ofLease(lease).set({ lease_until: null, updated_at: sql`now()` }).execute();
    },

    async countDelivered(connectionId: string): Promise<number> {
      const row = await db
        .selectFrom('delivery_ledger')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('connection_id', '=', connectionId)
        .where('state', '=', 'delivered')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

export type DeliveryLedgerRepository = ReturnType<typeof createDeliveryLedgerRepository>;
