import { type Kysely, sql } from 'kysely';
import { createGroupWriter } from '../group-writer.js';
import { jsonbText } from '../jsonb-text.js';
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
  | {
      kind: 'delivered';
      documentId: string | null;
      /** The number the target gave the document; null on rows marked before migration 0017. */
      bookedNumber: string | null;
      /** True once the booking was announced on `orders.booked` (`markAnnounced`). */
      announced: boolean;
    }
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
  // The three writes every delivery makes: concurrent deliveries share one statement each.
  const take = createGroupWriter((asks: AcquireAsk[]) => takeLeases(db, asks));
  const markRequested = createGroupWriter((marks: RequestMark[]) => markDocumentsRequested(db, marks));
  const markDelivered = createGroupWriter((marks: DeliveredMark[]) => markManyDelivered(db, marks));
  const markAnnounced = createGroupWriter((orders: AnnouncedMark[]) => markManyAnnounced(db, orders));

  return {
    async acquire(
      connectionId: string,
      externalOrderId: string,
      documentNumber: string,
      leaseMs: number,
    ): Promise<LedgerAcquisition> {
      const taken = await take({ connectionId, externalOrderId, documentNumber, leaseMs });
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
          'booked_number',
          'announced_at',
          sql<number>`greatest(0, extract(epoch from (lease_until - now())) * 1000)::float8`.as(
            'remaining_ms',
          ),
        ])
        .where('connection_id', '=', connectionId)
        .where('external_order_id', '=', externalOrderId)
        .executeTakeFirstOrThrow();
      if (row.state === 'delivered') {
        return {
          kind: 'delivered',
          documentId: row.document_id,
          bookedNumber: row.booked_number,
          announced: row.announced_at !== null,
        };
      }
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
    markDocumentRequested: (lease: DeliveryLease, leaseMs: number, request?: unknown): Promise<Date | null> =>
      markRequested({ lease, leaseMs, request }),

    /** Forgets the create sent under this lease: the target surely did not book it (it refused). */
    async clearDocumentRequest(lease: DeliveryLease): Promise<boolean> {
      const row = await ofLease(lease)
        .set({ document_requested_at: null, updated_at: sql`now()` })
        .returning('lease_fence')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Records the document (its id, and the number the target gave it when known), by the
     * lease's holder only; false when another worker took the lease over (that worker finds the
     * document in the target). An expired lease nobody took over still marks: the document
     * exists, and the row says so.
     */
    markDelivered: (lease: DeliveryLease, documentId: string, bookedNumber?: string): Promise<boolean> =>
      markDelivered({ lease, documentId, bookedNumber: bookedNumber ?? null }),

    /** Records that the booking of a delivered order was published on `orders.booked`. */
    async markAnnounced(connectionId: string, externalOrderId: string): Promise<void> {
      await markAnnounced({ connectionId, externalOrderId });
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

type AcquireAsk = { connectionId: string; externalOrderId: string; documentNumber: string; leaseMs: number };
type Taken = { lease_fence: number; attempts: number; document_requested_at: Date | string | null };

/**
 * The upsert of `acquire` for several orders in one statement: a row is inserted, or taken over
 * when it is not delivered and its lease is free or expired; the orders it did not take are
 * answered `undefined` (held or delivered: the caller reads which). One order twice in a group
 * fails the statement, and the group writer then runs each alone.
 */
async function takeLeases(db: Kysely<Database>, asks: AcquireAsk[]): Promise<(Taken | undefined)[]> {
  const rows = await db
    .insertInto('delivery_ledger')
    .values(
      asks.map((ask) => ({
        connection_id: ask.connectionId,
        external_order_id: ask.externalOrderId,
        state: 'delivering',
        document_number: ask.documentNumber,
        attempts: 1,
        lease_fence: 1,
        lease_until: leaseEnd(ask.leaseMs),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['connection_id', 'external_order_id'])
        .doUpdateSet({
          attempts: sql`delivery_ledger.attempts + 1`,
          lease_fence: sql`delivery_ledger.lease_fence + 1`,
          lease_until: sql`excluded.lease_until`,
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
    .returning(['connection_id', 'external_order_id', 'lease_fence', 'attempts', 'document_requested_at'])
    .execute();
  const taken = new Map(rows.map((row) => [leaseKey(row.connection_id, row.external_order_id), row]));
  return asks.map((ask) => taken.get(leaseKey(ask.connectionId, ask.externalOrderId)));
}

type RequestMark = { lease: DeliveryLease; leaseMs: number; request?: unknown };
type DeliveredMark = { lease: DeliveryLease; documentId: string; bookedNumber: string | null };

const leaseKey = (connectionId: string, externalOrderId: string) =>
  JSON.stringify([connectionId, externalOrderId]);

/**
 * `markDocumentRequested` for several leases in one update: each row is marked only while its
 * own lease holds (fence matches, not expired), and each caller is answered by its own row.
 */
async function markDocumentsRequested(db: Kysely<Database>, marks: RequestMark[]): Promise<(Date | null)[]> {
  const values = marks.map(
    ({ lease, leaseMs, request }) =>
      sql`(${lease.connectionId}::text, ${lease.externalOrderId}::text, ${lease.fence}::int, ${leaseMs / 1000}::float8, ${
        request === undefined ? null : jsonbText(request)
      }::jsonb)`,
  );
  const { rows } = await sql<{
    connection_id: string;
    external_order_id: string;
    lease_fence: number;
    at: Date | string;
  }>`
    update delivery_ledger as d set
      document_requested_at = now(),
      lease_until = now() + make_interval(secs => v.lease_secs),
      updated_at = now(),
      document_request = coalesce(v.request, d.document_request)
    from (values ${sql.join(values)}) as v(connection_id, external_order_id, fence, lease_secs, request)
    where d.connection_id = v.connection_id and d.external_order_id = v.external_order_id
      and d.lease_fence = v.fence and d.state = 'delivering' and d.lease_until > now()
    returning d.connection_id, d.external_order_id, d.lease_fence, d.document_requested_at as at`.execute(db);
  const marked = new Map(
    rows.map((row) => [`${leaseKey(row.connection_id, row.external_order_id)}#${row.lease_fence}`, row.at]),
  );
  return marks.map(({ lease }) =>
    toDate(marked.get(`${leaseKey(lease.connectionId, lease.externalOrderId)}#${lease.fence}`) ?? null),
  );
}

/** `markDelivered` for several leases in one update, each by its own lease's holder only. */
async function markManyDelivered(db: Kysely<Database>, marks: DeliveredMark[]): Promise<boolean[]> {
  const values = marks.map(
    ({ lease, documentId, bookedNumber }) =>
      sql`(${lease.connectionId}::text, ${lease.externalOrderId}::text, ${lease.fence}::int, ${documentId}::text, ${bookedNumber}::text)`,
  );
  const { rows } = await sql<{ connection_id: string; external_order_id: string; lease_fence: number }>`
    update delivery_ledger as d set
      state = 'delivered', document_id = v.document_id, booked_number = v.booked_number,
      lease_until = null, updated_at = now()
    from (values ${sql.join(values)}) as v(connection_id, external_order_id, fence, document_id, booked_number)
    where d.connection_id = v.connection_id and d.external_order_id = v.external_order_id
      and d.lease_fence = v.fence and d.state = 'delivering'
    returning d.connection_id, d.external_order_id, d.lease_fence`.execute(db);
  const marked = new Set(
    rows.map((row) => `${leaseKey(row.connection_id, row.external_order_id)}#${row.lease_fence}`),
  );
  return marks.map(({ lease }) =>
    marked.has(`${leaseKey(lease.connectionId, lease.externalOrderId)}#${lease.fence}`),
  );
}

type AnnouncedMark = { connectionId: string; externalOrderId: string };

/** `markAnnounced` for several orders in one update (delivered rows only; the first time counts). */
async function markManyAnnounced(db: Kysely<Database>, orders: AnnouncedMark[]): Promise<undefined[]> {
  const values = orders.map((o) => sql`(${o.connectionId}::text, ${o.externalOrderId}::text)`);
  await sql`
    update delivery_ledger as d set announced_at = now()
    from (values ${sql.join(values)}) as v(connection_id, external_order_id)
    where d.connection_id = v.connection_id and d.external_order_id = v.external_order_id
      and d.state = 'delivered' and d.announced_at is null`.execute(db);
  return orders.map(() => undefined);
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

export type DeliveryLedgerRepository = ReturnType<typeof createDeliveryLedgerRepository>;
