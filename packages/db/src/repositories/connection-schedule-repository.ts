import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { Database } from '../schema.js';

/**
 * The tables with one row per connection, due on a schedule and worked on under a lease: the
 * source poller's, the stock reader's and product sync's. Each has `connection_id` (the key),
 * `lease_owner`, `lease_until`, `consecutive_failures`, `last_error`, `updated_at` and a due column.
 */
export type ConnectionScheduleTable = 'poll_schedules' | 'stock_read_schedules' | 'product_sync_schedules';

/** A row of any schedule table, as Kysely reads it (each column typed as in its table). */
export type ConnectionScheduleRow = Awaited<
  ReturnType<ReturnType<typeof selectRow>['executeTakeFirstOrThrow']>
>;

/** An update of a schedule row; table-specific columns are added with `.set(column, value)`. */
export type ConnectionScheduleUpdate = UpdateQueryBuilder<
  Database,
  ConnectionScheduleTable,
  ConnectionScheduleTable,
  UpdateResult
>;

/** Adds a table's own columns to an update of the lease columns (`.set(column, value)` calls). */
export type AlsoSet = (update: ConnectionScheduleUpdate) => ConnectionScheduleUpdate;

/** What fences every write after a claim: the connection and the claim's own lease token. */
export type LeaseFence = { connectionId: string; leaseToken: string };

export type ConnectionScheduleSpec<S> = {
  table: ConnectionScheduleTable;
  /** When the connection is next due: claims take the oldest first, a failure pushes it out. */
  dueColumn: 'next_poll_at' | 'next_read_at' | 'next_run_at';
  /** Which rows are due (default: `dueColumn` has passed). */
  dueWhen?: (eb: ExpressionBuilder<Database, ConnectionScheduleTable>) => Expression<SqlBool>;
  /** Whether a claim is a full one, evaluated in the claim's statement; never full without it. */
  fullWhen?: RawBuilder<boolean>;
  toSchedule: (row: ConnectionScheduleRow) => S;
};

export type ConnectionScheduleClaimOptions = {
  /** A new token per claim; every later write is fenced by it. */
  leaseToken: (connectionId: string) => string;
  leaseMs: number;
  limit: number;
  /** Only connections whose `connections.<column>` is `value` (a replica claims its own system's). */
  connection?: { column: 'source_system' | 'target_system'; value: string };
};

/** Which due schedules a `claimDueOfSource` may take. */
export type ClaimFilter = {
  /** Only connections whose `source_system` is this (e.g. `shoprenter`); all systems when undefined. */
  sourceSystem?: string;
};

/** A claimed row: its schedule, the token, and the database-clock time of the claim. */
export type ConnectionScheduleClaim<S> = { schedule: S; leaseToken: string; claimedAt: Date; full: boolean };

export const secondsFromNow = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

const noMore: AlsoSet = (update) => update;

function selectRow(db: Kysely<Database>, table: ConnectionScheduleTable) {
  return db.selectFrom(table).selectAll();
}

/**
 * The lease mechanics shared by the schedule tables: claims take due rows whose lease is free or
 * expired with `FOR UPDATE SKIP LOCKED` (so two replicas never hold one connection), renewals
 * and every release are fenced by the claim's token, and all times are the database clock's, so
 * replicas with skewed clocks agree. Each table's repository adds its own columns through `also`.
 */
export function createConnectionScheduleRepository<S>(db: Kysely<Database>, spec: ConnectionScheduleSpec<S>) {
  const { table, dueColumn } = spec;
  const fullWhen = spec.fullWhen ?? sql<boolean>`false`;

  function fenced(update: ConnectionScheduleUpdate, fence: LeaseFence): ConnectionScheduleUpdate {
    return update.where('connection_id', '=', fence.connectionId).where('lease_owner', '=', fence.leaseToken);
  }

  /** Takes up to `limit` due rows whose lease is free or expired, oldest due first. */
  async function claimDue(options: ConnectionScheduleClaimOptions): Promise<ConnectionScheduleClaim<S>[]> {
    const { connection } = options;
    return db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom(table)
        .select('connection_id')
        .where((eb) => (spec.dueWhen ? spec.dueWhen(eb) : eb(dueColumn, '<=', sql<Date>`now()`)))
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sql<Date>`now()`)]));
      if (connection !== undefined) {
        // A subquery rather than a join: FOR UPDATE then locks only the schedule rows.
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('connections')
              .select('connections.id')
              .whereRef('connections.id', '=', sql.ref(`${table}.connection_id`))
              .where(`connections.${connection.column}`, '=', connection.value),
          ),
        );
      }
      const due = await query.orderBy(dueColumn).limit(options.limit).forUpdate().skipLocked().execute();
      const claims: ConnectionScheduleClaim<S>[] = [];
      for (const { connection_id } of due) {
        const token = options.leaseToken(connection_id);
        const row = await trx
          .updateTable(table)
          .set({ lease_owner: token, lease_until: secondsFromNow(options.leaseMs / 1000) })
          .where('connection_id', '=', connection_id)
          .returningAll()
          .returning([fullWhen.as('claim_full'), sql<Date>`now()`.as('claimed_at')])
          .executeTakeFirstOrThrow();
        claims.push({
          schedule: spec.toSchedule(row),
          leaseToken: token,
          claimedAt: new Date(row.claimed_at),
          full: row.claim_full,
        });
      }
      return claims;
    });
  }

  return {
    claimDue,

    /**
     * Takes up to `limit` due rows of connections whose source system is `filter.sourceSystem`
     * (of every system without one): each system's runner claims its own, so it never holds, and
     * delays, another system's schedule.
     */
    async claimDueOfSource(
      leaseToken: (connectionId: string) => string,
      leaseMs: number,
      limit: number,
      filter: ClaimFilter = {},
    ): Promise<Array<S & { leaseToken: string }>> {
      const { sourceSystem } = filter;
      const claims = await claimDue({
        leaseToken,
        leaseMs,
        limit,
        connection: sourceSystem === undefined ? undefined : { column: 'source_system', value: sourceSystem },
      });
      return claims.map((claim) => ({ ...claim.schedule, leaseToken: claim.leaseToken }));
    },

    /** Extends a held lease; false when it was lost (the holder must stop before any write). */
    async renew(connectionId: string, leaseToken: string, leaseMs: number): Promise<boolean> {
      const update = db.updateTable(table).set({ lease_until: secondsFromNow(leaseMs / 1000) });
      const result = await fenced(update, { connectionId, leaseToken }).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * Records a completed round and frees the lease (failures reset); `also` sets the table's
     * own columns, the next due time among them. False, changing nothing, when the lease was lost.
     */
    async complete(fence: LeaseFence, also: AlsoSet): Promise<boolean> {
      const update = db.updateTable(table).set({
        lease_owner: null,
        lease_until: null,
        consecutive_failures: 0,
        last_error: null,
        updated_at: sql<Date>`now()`,
      });
      const result = await fenced(also(update), fence).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /** Records a failure and frees the lease; the row is due again after `backoffSeconds`. */
    async fail(
      fence: LeaseFence,
      error: string,
      backoffSeconds: number,
      also: AlsoSet = noMore,
    ): Promise<void> {
      const update = db.updateTable(table).set(dueColumn, secondsFromNow(backoffSeconds)).set({
        lease_owner: null,
        lease_until: null,
        consecutive_failures: sql<number>`consecutive_failures + 1`,
        last_error: error,
        updated_at: sql<Date>`now()`,
      });
      await fenced(also(update), fence).execute();
    },

    /** Frees the lease without recording a round. */
    async release(fence: LeaseFence): Promise<void> {
      const update = db
        .updateTable(table)
        .set({ lease_owner: null, lease_until: null, updated_at: sql<Date>`now()` });
      await fenced(update, fence).execute();
    },

    async find(connectionId: string): Promise<S | undefined> {
      const row = await selectRow(db, table).where('connection_id', '=', connectionId).executeTakeFirst();
      return row ? spec.toSchedule(row) : undefined;
    },

    async remove(connectionId: string): Promise<void> {
      await db.deleteFrom(table).where('connection_id', '=', connectionId).execute();
    },
  };
}

export type ConnectionScheduleRepository<S> = ReturnType<typeof createConnectionScheduleRepository<S>>;
