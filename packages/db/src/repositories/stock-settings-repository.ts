import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** A connection with its raw `sync_settings.stock` (parsed by @koppel/stock-sync, not here). */
export type StockSettingsRow = {
  connectionId: string;
  tenantId: string;
  sourceSystem: string;
  targetSystem: string;
  active: boolean;
  /** `sync_settings.stock` as stored; undefined when never set. */
  stock: unknown;
};

/**
 * The `stock` part of `connections.sync_settings`. Writes replace only that key (`jsonb_set`),
 * so the products part, owned by another package, is never touched.
 */
export function createStockSettingsRepository(db: Kysely<Database>) {
  const columns = ['id', 'tenant_id', 'source_system', 'target_system', 'active', 'sync_settings'] as const;
  const toRow = (row: {
    id: string;
    tenant_id: string;
    source_system: string;
    target_system: string;
    active: boolean;
    sync_settings: Record<string, unknown>;
  }): StockSettingsRow => ({
    connectionId: row.id,
    tenantId: row.tenant_id,
    sourceSystem: row.source_system,
    targetSystem: row.target_system,
    active: row.active,
    stock: row.sync_settings?.stock ?? undefined,
  });
  return {
    async find(connectionId: string): Promise<StockSettingsRow | undefined> {
      const row = await db
        .selectFrom('connections')
        .select(columns)
        .where('id', '=', connectionId)
        .executeTakeFirst();
      return row ? toRow(row) : undefined;
    },

    /** Every connection whose books/POS are `targetSystem` (the reader's candidates). */
    async listByTarget(targetSystem: string): Promise<StockSettingsRow[]> {
      const rows = await db
        .selectFrom('connections')
        .select(columns)
        .where('target_system', '=', targetSystem)
        .orderBy('id')
        .execute();
      return rows.map(toRow);
    },

    /** Stores the (already validated) stock settings; false when the connection does not exist. */
    async save(connectionId: string, stock: Record<string, unknown>): Promise<boolean> {
      const result = await db
        .updateTable('connections')
        .set({
          sync_settings: sql`jsonb_set(coalesce(sync_settings, '{}'::jsonb), '{stock}', ${JSON.stringify(stock)}::jsonb, true)`,
          updated_at: new Date(),
        })
        .where('id', '=', connectionId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type StockSettingsRepository = ReturnType<typeof createStockSettingsRepository>;
