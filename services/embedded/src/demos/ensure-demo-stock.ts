import { createStockSettingsRepository, type Database } from '@koppel/db';
import { stockSettingsSchema } from '@koppel/stock-sync';
import type { Kysely } from 'kysely';
import type { DemoDefinition } from './demo-definition.js';

/**
 * Gives each demo connection that asks for stock (`DemoDefinition.stock`) its stock settings once,
 * while it has none, so a restart keeps what an operator changed through the admin API.
 */
export async function ensureDemoStockSettings(
  db: Kysely<Database>,
  demos: readonly DemoDefinition[],
): Promise<void> {
  const settings = createStockSettingsRepository(db);
  for (const demo of demos) {
    if (!demo.stock) continue;
    const row = await settings.find(demo.id);
    if (!row || row.stock !== undefined) continue;
    await settings.save(demo.id, stockSettingsSchema.parse(demo.stock));
  }
}
