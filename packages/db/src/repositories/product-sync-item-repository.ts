import type { Kysely, Selectable } from 'kysely';
import type { Database, ProductSyncItemsTable } from '../schema.js';

/** What Koppel last sent of one SKU of a connection and what the shop made of it. */
export type ProductSyncItem = {
  sku: string;
  contentHash: string;
  priceHash: string;
  outcome: string;
  shopProductId: string | null;
  reason: string | null;
  runId: string | null;
  sentAt: Date;
};

function toItem(row: Selectable<ProductSyncItemsTable>): ProductSyncItem {
  return {
    sku: row.sku,
    contentHash: row.content_hash,
    priceHash: row.price_hash,
    outcome: row.outcome,
    shopProductId: row.shop_product_id,
    reason: row.reason,
    runId: row.run_id === null ? null : String(row.run_id),
    sentAt: new Date(row.sent_at),
  };
}

/** Per (connection, SKU) what was last sent; written only with a chunk (product-sync-run-repository). */
export function createProductSyncItemRepository(db: Kysely<Database>) {
  return {
    /** The items of these SKUs (a page's worth), by SKU. */
    async findMany(connectionId: string, skus: readonly string[]): Promise<Map<string, ProductSyncItem>> {
      if (skus.length === 0) return new Map();
      const rows = await db
        .selectFrom('product_sync_items')
        .selectAll()
        .where('connection_id', '=', connectionId)
        .where('sku', 'in', [...new Set(skus)])
        .execute();
      return new Map(rows.map((row) => [row.sku, toItem(row)]));
    },

    /** A page of the connection's items in SKU order, after `after` (keyset paging). */
    async list(connectionId: string, options: { limit: number; after?: string }): Promise<ProductSyncItem[]> {
      let query = db.selectFrom('product_sync_items').selectAll().where('connection_id', '=', connectionId);
      if (options.after !== undefined) query = query.where('sku', '>', options.after);
      const rows = await query.orderBy('sku').limit(options.limit).execute();
      return rows.map(toItem);
    },
  };
}

export type ProductSyncItemRepository = ReturnType<typeof createProductSyncItemRepository>;
