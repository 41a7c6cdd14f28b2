import { appError } from '@koppel/errors';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database, ProductSyncRunsTable } from '../schema.js';

export type ProductSyncRunStatus = 'running' | 'completed' | 'abandoned';

export type ProductSyncRun = {
  id: string;
  connectionId: string;
  status: ProductSyncRunStatus;
  full: boolean;
  trigger: 'schedule' | 'manual';
  changedSince: Date | null;
  /** The source page being worked on (null: the first page). */
  sourcePage: string | null;
  /** Chunks of `sourcePage` already sent and recorded. */
  chunkIndex: number;
  pagesDone: number;
  chunksSent: number;
  productsSent: number;
  productsRefused: number;
  productsSkipped: number;
  productsExcluded: number;
  /** Claims that worked on the run (more than one: it was resumed). */
  attempts: number;
  lastError: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

/** What the shop did with one product of a chunk, as it is recorded. */
export type SentProduct = {
  sku: string;
  contentHash: string;
  priceHash: string;
  outcome: string;
  shopProductId?: string;
  reason?: string;
};

/** The runner's lease on the connection (see product-sync-schedule-repository). */
export type ProductSyncFence = { connectionId: string; leaseToken: string };

function toRun(row: Selectable<ProductSyncRunsTable>): ProductSyncRun {
  return {
    id: String(row.id),
    connectionId: row.connection_id,
    status: row.status,
    full: row.full,
    trigger: row.trigger,
    changedSince: row.changed_since ? new Date(row.changed_since) : null,
    sourcePage: row.source_page,
    chunkIndex: row.chunk_index,
    pagesDone: row.pages_done,
    chunksSent: row.chunks_sent,
    productsSent: row.products_sent,
    productsRefused: row.products_refused,
    productsSkipped: row.products_skipped,
    productsExcluded: row.products_excluded,
    attempts: row.attempts,
    lastError: row.last_error,
    startedAt: new Date(row.started_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
  };
}

const leaseLost = (connectionId: string) =>
  appError('CONFLICT', `product sync of connection ${connectionId}: the lease was lost to another runner`, {
    details: { reason: 'lease_lost' },
  });

/** Locks the schedule row if this runner still holds it; a claim meanwhile skips the locked row. */
async function holdFence(trx: Transaction<Database>, fence: ProductSyncFence): Promise<void> {
  const held = await trx
    .selectFrom('product_sync_schedules')
    .select('connection_id')
    .where('connection_id', '=', fence.connectionId)
    .where('lease_owner', '=', fence.leaseToken)
    .forUpdate()
    .executeTakeFirst();
  if (!held) throw leaseLost(fence.connectionId);
}

/**
 * Product sync runs and their position. Every step that moves a run's position does it in one
 * transaction with what the step recorded, and only while the runner still holds the lease: a
 * chunk's products are recorded as sent in the same transaction that counts the chunk, so after a
 * crash the run resumes at the first chunk not recorded, and a runner that lost its lease
 * (`CONFLICT`, `details.reason = lease_lost`) records nothing.
 */
export function createProductSyncRunRepository(db: Kysely<Database>) {
  return {
    /** The connection's unfinished run, or a new one (one running run per connection, by index). */
    async open(
      connectionId: string,
      start: { full: boolean; trigger: 'schedule' | 'manual'; changedSince: Date | null },
    ): Promise<{ run: ProductSyncRun; resumed: boolean }> {
      const existing = await db
        .updateTable('product_sync_runs')
        .set({ attempts: sql<number>`attempts + 1`, updated_at: sql<Date>`now()` })
        .where('connection_id', '=', connectionId)
        .where('status', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      if (existing) return { run: toRun(existing), resumed: true };
      const created = await db
        .insertInto('product_sync_runs')
        .values({
          connection_id: connectionId,
          status: 'running',
          full: start.full,
          trigger: start.trigger,
          changed_since: start.changedSince,
          attempts: 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { run: toRun(created), resumed: false };
    },

    /**
     * Records one sent chunk: its products (what was sent, the shop's answer) and the run's
     * position (`chunkIndex + 1`), together. Throws CONFLICT when the lease or the position moved.
     */
    async commitChunk(
      fence: ProductSyncFence,
      run: Pick<ProductSyncRun, 'id' | 'sourcePage' | 'chunkIndex'>,
      sent: readonly SentProduct[],
    ): Promise<void> {
      const refused = sent.filter((p) => p.outcome === 'refused').length;
      await db.transaction().execute(async (trx) => {
        await holdFence(trx, fence);
        const moved = await trx
          .updateTable('product_sync_runs')
          .set({
            chunk_index: sql<number>`chunk_index + 1`,
            chunks_sent: sql<number>`chunks_sent + 1`,
            products_sent: sql<number>`products_sent + ${sent.length - refused}`,
            products_refused: sql<number>`products_refused + ${refused}`,
            last_error: null,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', run.id)
          .where('connection_id', '=', fence.connectionId)
          .where('status', '=', 'running')
          .where('chunk_index', '=', run.chunkIndex)
          .where(sql<boolean>`source_page is not distinct from ${run.sourcePage}`)
          .executeTakeFirst();
        if (moved.numUpdatedRows === 0n) throw leaseLost(fence.connectionId);
        if (sent.length === 0) return;
        await trx
          .insertInto('product_sync_items')
          .values(
            sent.map((p) => ({
              connection_id: fence.connectionId,
              sku: p.sku,
              content_hash: p.contentHash,
              price_hash: p.priceHash,
              outcome: p.outcome,
              shop_product_id: p.shopProductId ?? null,
              reason: p.reason ?? null,
              run_id: run.id,
              sent_at: sql<Date>`now()`,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['connection_id', 'sku']).doUpdateSet((eb) => ({
              // A product that only took its price keeps the hash of the information it has, so
              // turning "update product information" on later sends what changed meanwhile.
              content_hash: sql<string>`case when excluded.outcome = 'price-and-stock-only' then product_sync_items.content_hash else excluded.content_hash end`,
              price_hash: eb.ref('excluded.price_hash'),
              outcome: eb.ref('excluded.outcome'),
              // A shop that does not answer its id again keeps the one it gave before.
              shop_product_id: sql<
                string | null
              >`coalesce(excluded.shop_product_id, product_sync_items.shop_product_id)`,
              reason: eb.ref('excluded.reason'),
              run_id: eb.ref('excluded.run_id'),
              sent_at: eb.ref('excluded.sent_at'),
            })),
          )
          .execute();
      });
    },

    /**
     * A page is done: the run moves to `next` (chunk 0), or, on the last page, completes and the
     * schedule is freed and due again after its interval, in the same transaction.
     */
    async finishPage(
      fence: ProductSyncFence,
      run: Pick<ProductSyncRun, 'id' | 'sourcePage' | 'full' | 'startedAt'>,
      next: string | undefined,
      counts: { skipped: number; excluded: number },
    ): Promise<ProductSyncRun> {
      return db.transaction().execute(async (trx) => {
        await holdFence(trx, fence);
        const row = await trx
          .updateTable('product_sync_runs')
          .set({
            source_page: next ?? run.sourcePage,
            chunk_index: 0,
            pages_done: sql<number>`pages_done + 1`,
            products_skipped: sql<number>`products_skipped + ${counts.skipped}`,
            products_excluded: sql<number>`products_excluded + ${counts.excluded}`,
            status: next === undefined ? 'completed' : 'running',
            finished_at: next === undefined ? sql<Date>`now()` : null,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', run.id)
          .where('connection_id', '=', fence.connectionId)
          .where('status', '=', 'running')
          .where(sql<boolean>`source_page is not distinct from ${run.sourcePage}`)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw leaseLost(fence.connectionId);
        if (next === undefined) {
          await trx
            .updateTable('product_sync_schedules')
            .set({
              next_run_at: sql<Date>`now() + make_interval(secs => interval_seconds)`,
              lease_owner: null,
              lease_until: null,
              consecutive_failures: 0,
              last_error: null,
              last_success_started_at: run.startedAt,
              run_requested: false,
              full_requested: run.full ? false : sql<boolean>`full_requested`,
              updated_at: sql<Date>`now()`,
            })
            .where('connection_id', '=', fence.connectionId)
            .execute();
        }
        return toRun(row);
      });
    },

    /** Notes why an attempt stopped; the run stays open and resumes at its position. */
    async noteFailure(runId: string, error: string): Promise<void> {
      await db
        .updateTable('product_sync_runs')
        .set({ last_error: error, updated_at: sql<Date>`now()` })
        .where('id', '=', runId)
        .execute();
    },

    /** Closes the connection's open run without finishing it (product sync switched off). */
    async abandon(connectionId: string, reason: string): Promise<void> {
      await db
        .updateTable('product_sync_runs')
        .set({
          status: 'abandoned',
          last_error: reason,
          finished_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })
        .where('connection_id', '=', connectionId)
        .where('status', '=', 'running')
        .execute();
    },

    /** The connection's runs, newest first; `before` pages on by run id. */
    async list(connectionId: string, options: { limit: number; before?: string }): Promise<ProductSyncRun[]> {
      let query = db.selectFrom('product_sync_runs').selectAll().where('connection_id', '=', connectionId);
      if (options.before !== undefined) query = query.where('id', '<', options.before);
      const rows = await query.orderBy('id', 'desc').limit(options.limit).execute();
      return rows.map(toRun);
    },

    async find(runId: string): Promise<ProductSyncRun | undefined> {
      const row = await db
        .selectFrom('product_sync_runs')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirst();
      return row ? toRun(row) : undefined;
    },
  };
}

export type ProductSyncRunRepository = ReturnType<typeof createProductSyncRunRepository>;
