import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';
import { containsEmailSql, maskEmailsSql, scrubbedDetailSql } from './retention-scrub-sql.js';

/** Rows purged per table by one run. */
export type PurgeCounts = {
  /** Journey rows whose detail lost its payloads and personal data (the row and stage stay). */
  orderJourney: number;
  /** Dead letters whose payload, headers and error details were cleared (reason code stays). */
  deadLetters: number;
  /** Ledger rows whose sent request body was cleared (document id and number stay). */
  deliveryLedger: number;
  /** Order summaries whose customer e-mail was cleared (ids, status, document number stay). */
  orderSummaries: number;
  /** Inbox rows deleted (published events only: the dedupe window is the retention). */
  inbox: number;
  /** Embedded-log records deleted (only those every consumer group of the topic committed). */
  busRecords: number;
  /**
   * Finished product-sync runs deleted (their counters and errors); a connection's newest
   * completed run stays, since the next incremental sync starts from it.
   */
  productSyncRuns: number;
  /** Expired authentication-failure windows deleted (not tenant data; the scheduled run only). */
  authFailures: number;
};

export const emptyPurgeCounts = (): PurgeCounts => ({
  orderJourney: 0,
  deadLetters: 0,
  deliveryLedger: 0,
  orderSummaries: 0,
  inbox: 0,
  busRecords: 0,
  productSyncRuns: 0,
  authFailures: 0,
});

export type PurgeOptions = {
  /** Rows per statement; each statement is its own short transaction. */
  batchSize: number;
  /** Asked between batches (the lease is renewed there); false stops the run where it is. */
  keepGoing: () => Promise<boolean>;
};

/** Whose rows a run purges: one tenant's connections, or rows of connections that no longer exist. */
type Scope = { kind: 'tenant'; connectionIds: string[] } | { kind: 'orphans' };

function inScope(scope: Scope, connectionId: RawBuilder<unknown>): RawBuilder<unknown> {
  if (scope.kind === 'tenant') return sql`${connectionId} = any(${sql.val(scope.connectionIds)}::text[])`;
  return sql`not exists (select 1 from connections c where c.id = ${connectionId})`;
}

/** Repeats one batch statement until it touches fewer rows than a batch or the run must stop. */
async function drain(options: PurgeOptions, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch();
    total += n;
    if (n < options.batchSize || !(await options.keepGoing())) return total;
  }
}

const affected = (result: { numAffectedRows?: bigint; rows: unknown[] }) =>
  Number(result.numAffectedRows ?? BigInt(result.rows.length));

/**
 * The retention purge, in small batches (`FOR UPDATE SKIP LOCKED`, each batch its own statement)
 * so it never holds locks for long nor waits on the pipeline's rows. What goes and what stays is
 * listed on `PurgeCounts`; parked records are never purged, because each one is an order still
 * waiting to be processed (the re-driver removes it once handled).
 */
export function createRetentionPurgeRepository(db: Kysely<Database>) {
  const run = (query: RawBuilder<unknown>) => query.execute(db).then(affected);

  async function purgeScope(scope: Scope, cutoff: Date, options: PurgeOptions): Promise<PurgeCounts> {
    const n = options.batchSize;
    const counts = emptyPurgeCounts();
    counts.orderJourney = await drain(options, () =>
      run(sql`with batch as (
          select id from order_journey
          where not (detail ? 'retentionPurgedAt') and created_at < ${cutoff}
            and ${inScope(scope, sql.ref('connection_id'))}
          order by created_at limit ${n} for update skip locked)
        update order_journey set detail = ${scrubbedDetailSql('retentionPurgedAt')}
        from batch where order_journey.id = batch.id`),
    );
    counts.deadLetters = await drain(options, () =>
      run(sql`update dead_letters set payload = ''::bytea, headers = '{}'::jsonb,
          error_message = ${maskEmailsSql(sql.ref('error_message'))}, error_details = null
        where id in (select id from dead_letters
          where octet_length(payload) > 0 and failed_at < ${cutoff}
            and ${inScope(scope, sql.ref('connection_id'))}
          order by failed_at limit ${n} for update skip locked)`),
    );
    counts.deliveryLedger = await drain(options, () =>
      run(sql`with batch as (
          select connection_id, external_order_id from delivery_ledger
          where document_request is not null and updated_at < ${cutoff}
            and ${inScope(scope, sql.ref('connection_id'))}
          order by updated_at limit ${n} for update skip locked)
        update delivery_ledger l set document_request = null from batch
        where l.connection_id = batch.connection_id and l.external_order_id = batch.external_order_id`),
    );
    counts.orderSummaries = await drain(options, () =>
      run(sql`update order_summaries set customer_email = null,
          status_reason = ${maskEmailsSql(sql.ref('status_reason'))}
        where id in (select id from order_summaries
          where (customer_email is not null or ${containsEmailSql(sql.ref('status_reason'))})
            and updated_at < ${cutoff}
            and ${inScope(scope, sql.ref('connection_id'))}
          order by updated_at limit ${n} for update skip locked)`),
    );
    // An unpublished row is an event whose record may not be on the topic yet: it stays.
    counts.inbox = await drain(options, () =>
      run(sql`delete from inbox where id in (select id from inbox
          where received_at < ${cutoff} and published
            and (claimed_until is null or claimed_until < now())
            and ${inScope(scope, sql.ref('connection_id'))}
          order by received_at limit ${n} for update skip locked)`),
    );
    // A record goes only when the topic has consumer groups and every one committed past it.
    counts.busRecords = await drain(options, () =>
      run(sql`delete from bus_records where "offset" in (select b."offset" from bus_records b
          where b.created_at < ${cutoff}
            and ${inScope(scope, sql`split_part(b.key, ':', 1)`)}
            and exists (select 1 from bus_offsets o where o.topic = b.topic)
            and not exists (select 1 from bus_offsets o
              where o.topic = b.topic and o.committed_offset < b."offset")
          order by b."offset" limit ${n} for update skip locked)`),
    );
    counts.productSyncRuns = await drain(options, () =>
      run(sql`delete from product_sync_runs where id in (select r.id from product_sync_runs r
          where r.status <> 'running' and coalesce(r.finished_at, r.updated_at) < ${cutoff}
            and ${inScope(scope, sql.ref('r.connection_id'))}
            and exists (select 1 from product_sync_runs newer
              where newer.connection_id = r.connection_id and newer.status = 'completed'
                and newer.id > r.id)
          order by r.id limit ${n} for update skip locked)`),
    );
    return counts;
  }

  return {
    /** The moment `retentionDays` ago on the database clock: rows older than it are purged. */
    async cutoff(retentionDays: number): Promise<Date> {
      const { rows } = await sql<{ cutoff: Date | string }>`
        select now() - make_interval(days => ${retentionDays}) as cutoff`.execute(db);
      return new Date(rows[0]?.cutoff ?? Date.now());
    },

    /** Purges one tenant's rows older than `cutoff`. */
    async purgeTenant(tenantId: string, cutoff: Date, options: PurgeOptions): Promise<PurgeCounts> {
      const connections = await db
        .selectFrom('connections')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .execute();
      const connectionIds = connections.map((c) => c.id);
      if (connectionIds.length === 0) return emptyPurgeCounts();
      return purgeScope({ kind: 'tenant', connectionIds }, cutoff, options);
    },

    /** Rows of deleted connections (older than `cutoff`) and expired auth-failure windows. */
    async purgeShared(cutoff: Date, options: PurgeOptions): Promise<PurgeCounts> {
      const counts = await purgeScope({ kind: 'orphans' }, cutoff, options);
      counts.authFailures = await drain(options, () =>
        run(sql`delete from auth_failures where scope in (select scope from auth_failures
            where window_ends_at < now() limit ${options.batchSize} for update skip locked)`),
      );
      return counts;
    },
  };
}

export type RetentionPurgeRepository = ReturnType<typeof createRetentionPurgeRepository>;
