import { type Kysely, sql } from 'kysely';
import type { Database, StockAppliedTable } from '../schema.js';

export type StockApplyInput = {
  connectionId: string;
  sku: string;
  ean: string;
  available: number;
  sourceTime: Date;
  readStartedAt: Date;
  eventId: string;
  /** An operator's resync: an article the shop did not know is tried again. */
  retryUnknown: boolean;
};

export type StockStatus = StockAppliedTable['status'];

/** A pending article a pusher holds: what to push, and the version its result must match. */
export type StockPushClaim = {
  sku: string;
  ean: string;
  available: number;
  /** Units of shop orders in flight at the reading's cut-off, counted at claim time. */
  unitsInFlight: number;
  version: string;
  attempts: number;
};

export type StockPushOutcome = {
  sku: string;
  version: string;
  outcome: 'updated' | 'unknown-article';
  quantity: number;
};

/** One article as the stock report shows it. */
export type StockReportRow = {
  sku: string;
  ean: string;
  available: number;
  pushedQuantity: number | null;
  status: StockStatus;
  sourceTime: Date;
  appliedAt: Date;
  pushedAt: Date | null;
  unknownAt: Date | null;
  attempts: number;
  lastError: string | null;
};

const maybeDate = (value: Date | string | null) => (value === null ? null : new Date(value));

/**
 * What the stock sink applied per (connection, SKU). `apply` is the last-write-wins gate: one
 * conditional upsert that replaces the row only when the update is newer by source time (ties:
 * by reading start), so a late older update changes nothing whichever replica handles it. The
 * pusher then claims pending rows (leased, `SKIP LOCKED`), pushes them and marks them with the
 * version it pushed; a row a newer update replaced meanwhile stays pending and is pushed again.
 */
export function createStockAppliedRepository(db: Kysely<Database>) {
  return {
    /** Applies the update when it is newer; undefined when a newer one (or this one) is already there. */
    async apply(input: StockApplyInput): Promise<{ version: string; status: StockStatus } | undefined> {
      const result = await sql<{ version: string; status: StockStatus }>`
        insert into stock_applied as applied
          (connection_id, sku, ean, available, source_time, read_started_at, event_id, status)
        values (${input.connectionId}, ${input.sku}, ${input.ean}, ${input.available},
                ${input.sourceTime}, ${input.readStartedAt}, ${input.eventId}, 'pending')
        on conflict (connection_id, sku) do update set
          ean = excluded.ean,
          available = excluded.available,
          source_time = excluded.source_time,
          read_started_at = excluded.read_started_at,
          event_id = excluded.event_id,
          status = case
            when applied.status = 'unknown-article' and applied.available = excluded.available
              and not ${input.retryUnknown} then 'unknown-article'
            else 'pending' end,
          due_at = case when applied.status = 'pending' then applied.due_at else now() end,
          version = applied.version + 1,
          applied_at = now()
        where (applied.source_time, applied.read_started_at) < (excluded.source_time, excluded.read_started_at)
        returning version::text as version, status`.execute(db);
      return result.rows[0];
    },

    /** Connections of `sourceSystem` with pending articles due now and free to claim. */
    async dueConnections(sourceSystem: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('stock_applied as a')
        .innerJoin('connections as c', 'c.id', 'a.connection_id')
        .select('a.connection_id')
        .distinct()
        .where('c.source_system', '=', sourceSystem)
        .where('a.status', '=', 'pending')
        .where('a.due_at', '<=', sql<Date>`now()`)
        .where((eb) => eb.or([eb('a.lease_until', 'is', null), eb('a.lease_until', '<', sql<Date>`now()`)]))
        .limit(limit)
        .execute();
      return rows.map((row) => row.connection_id);
    },

    /**
     * Leases up to `limit` due pending articles of the connection for `leaseMs` and counts, per
     * article, the units in flight at its reading's cut-off (see the hold repository).
     */
    async claimDue(
      connectionId: string,
      leaseToken: string,
      limit: number,
      leaseMs: number,
      holdMinutes: number,
    ): Promise<StockPushClaim[]> {
      const result = await sql<{
        sku: string;
        ean: string;
        available: string;
        version: string;
        attempts: number;
        units_in_flight: string;
      }>`
        with due as (
          select connection_id, sku from stock_applied
          where connection_id = ${connectionId} and status = 'pending' and due_at <= now()
            and (lease_until is null or lease_until < now())
          order by due_at, sku
          limit ${limit}
          for update skip locked)
        update stock_applied as a
        set lease_owner = ${leaseToken}, lease_until = now() + make_interval(secs => ${leaseMs / 1000})
        from due
        where a.connection_id = due.connection_id and a.sku = due.sku
        returning a.sku, a.ean, a.available::text as available, a.version::text as version, a.attempts,
          (select coalesce(sum(h.units), 0) from stock_order_holds h
            where h.connection_id = a.connection_id and h.sku = a.sku and h.released_at is null
              and h.received_at > now() - make_interval(mins => ${holdMinutes})
              and not exists (
                select 1 from delivery_ledger d
                where d.connection_id = h.connection_id and d.external_order_id = h.external_order_id
                  and d.state = 'delivered' and d.updated_at < a.read_started_at))::text as units_in_flight`.execute(
        db,
      );
      return result.rows
        .map((row) => ({
          sku: row.sku,
          ean: row.ean,
          available: Number(row.available),
          unitsInFlight: Number(row.units_in_flight),
          version: row.version,
          attempts: row.attempts,
        }))
        .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    },

    /**
     * Marks what the shop did, for rows still at the version pushed and still leased by this
     * pusher; then frees the rest of the lease (rows a newer update replaced stay pending).
     * Returns the SKUs that became `unknown-article`.
     */
    async markPushed(
      connectionId: string,
      leaseToken: string,
      outcomes: readonly StockPushOutcome[],
    ): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const unknown: string[] = [];
        for (const outcome of outcomes) {
          const row = await trx
            .updateTable('stock_applied')
            .set({
              status: outcome.outcome,
              pushed_quantity: outcome.outcome === 'updated' ? outcome.quantity : null,
              pushed_at: sql<Date>`now()`,
              unknown_at: outcome.outcome === 'unknown-article' ? sql<Date>`now()` : null,
              attempts: 0,
              last_error: null,
              lease_owner: null,
              lease_until: null,
            })
            .where('connection_id', '=', connectionId)
            .where('sku', '=', outcome.sku)
            .where('version', '=', outcome.version)
            .where('lease_owner', '=', leaseToken)
            .returning('sku')
            .executeTakeFirst();
          if (row && outcome.outcome === 'unknown-article') unknown.push(row.sku);
        }
        await trx
          .updateTable('stock_applied')
          .set({ lease_owner: null, lease_until: null })
          .where('connection_id', '=', connectionId)
          .where('lease_owner', '=', leaseToken)
          .execute();
        return unknown;
      });
    },

    /** A failed push: the leased rows (or `onlySkus` of them) wait `backoffSeconds` and keep the error; nothing is dropped. */
    async fail(
      connectionId: string,
      leaseToken: string,
      error: string,
      backoffSeconds: number,
      onlySkus?: readonly string[],
    ): Promise<void> {
      if (onlySkus !== undefined && onlySkus.length === 0) return;
      let query = db
        .updateTable('stock_applied')
        .set({
          attempts: sql<number>`attempts + 1`,
          last_error: error,
          due_at: sql<Date>`now() + make_interval(secs => ${backoffSeconds})`,
          lease_owner: null,
          lease_until: null,
        })
        .where('connection_id', '=', connectionId)
        .where('lease_owner', '=', leaseToken);
      if (onlySkus !== undefined) query = query.where('sku', 'in', [...onlySkus]);
      await query.execute();
    },

    /** Puts off every due pending article of the connection (its settings cannot be used now). */
    async postpone(connectionId: string, error: string, seconds: number): Promise<void> {
      await db
        .updateTable('stock_applied')
        .set({ last_error: error, due_at: sql<Date>`now() + make_interval(secs => ${seconds})` })
        .where('connection_id', '=', connectionId)
        .where('status', '=', 'pending')
        .where('due_at', '<=', sql<Date>`now()`)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]))
        .execute();
    },

    /** The stock report: articles by SKU after `afterSku`, optionally of one status. */
    async report(
      connectionId: string,
      options: { status?: StockStatus; afterSku?: string; limit: number },
    ): Promise<StockReportRow[]> {
      let query = db
        .selectFrom('stock_applied')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .orderBy('sku')
        .limit(options.limit);
      if (options.status !== undefined) query = query.where('status', '=', options.status);
      if (options.afterSku !== undefined) query = query.where('sku', '>', options.afterSku);
      return (await query.execute()).map((row) => ({
        sku: row.sku,
        ean: row.ean,
        available: Number(row.available),
        pushedQuantity: row.pushed_quantity === null ? null : Number(row.pushed_quantity),
        status: row.status,
        sourceTime: new Date(row.source_time),
        appliedAt: new Date(row.applied_at),
        pushedAt: maybeDate(row.pushed_at),
        unknownAt: maybeDate(row.unknown_at),
        attempts: row.attempts,
        lastError: row.last_error,
      }));
    },

    /** Articles per status of the connection (the report's summary). */
    async countByStatus(connectionId: string): Promise<Record<StockStatus, number>> {
      const rows = await db
        .selectFrom('stock_applied')
        .select(['status', sql<string>`count(*)`.as('count')])
        .where('connection_id', '=', connectionId)
        .groupBy('status')
        .execute();
      const counts: Record<StockStatus, number> = { pending: 0, updated: 0, 'unknown-article': 0 };
      for (const row of rows) counts[row.status] = Number(row.count);
      return counts;
    },
  };
}

export type StockAppliedRepository = ReturnType<typeof createStockAppliedRepository>;
