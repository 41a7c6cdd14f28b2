import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** A connection with its stored product settings (raw JSON: the reader parses it with zod). */
export type ConnectionProductSettings = {
  connectionId: string;
  sourceSystem: string;
  targetSystem: string;
  active: boolean;
  /** `connections.sync_settings.products` as stored; undefined when never set. */
  products: unknown;
};

/**
 * `connections.sync_settings.products` (the `sync_settings` column comes with migration 0009,
 * shared with stock sync, which keeps its own key beside it). Written with `jsonb_set`, so a
 * write of the product settings never touches another key.
 */
export function createProductSettingsRepository(db: Kysely<Database>) {
  return {
    async read(connectionId: string): Promise<unknown> {
      const result = await sql<{ products: unknown }>`
        select sync_settings -> 'products' as products from connections where id = ${connectionId}`.execute(
        db,
      );
      return result.rows[0]?.products ?? undefined;
    },

    /** Stores the product settings; false when the connection does not exist. */
    async write(connectionId: string, products: unknown): Promise<boolean> {
      const result = await sql`
        update connections
           set sync_settings = jsonb_set(coalesce(sync_settings, '{}'::jsonb), '{products}', ${JSON.stringify(products)}::jsonb),
               updated_at = now()
         where id = ${connectionId}`.execute(db);
      return (result.numAffectedRows ?? 0n) > 0n;
    },

    /** Every connection of one shop system with its product settings. */
    async listBySourceSystem(sourceSystem: string): Promise<ConnectionProductSettings[]> {
      const result = await sql<{
        id: string;
        source_system: string;
        target_system: string;
        active: boolean;
        products: unknown;
      }>`
        select id, source_system, target_system, active, sync_settings -> 'products' as products
          from connections where source_system = ${sourceSystem} order by id`.execute(db);
      return result.rows.map((row) => ({
        connectionId: row.id,
        sourceSystem: row.source_system,
        targetSystem: row.target_system,
        active: row.active,
        products: row.products ?? undefined,
      }));
    },
  };
}

export type ProductSettingsRepository = ReturnType<typeof createProductSettingsRepository>;
