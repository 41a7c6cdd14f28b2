/**
 * A connection's stock settings, stored in `connections.sync_settings.stock` and set through the
 * admin API. Stock flows one way: from the books/POS (the connection's target system) into the
 * shop (its source system).
 */
import { z } from 'zod';

/** The longest an order that is never booked may hold its units, in minutes (30 days). */
export const MAX_HOLD_MINUTES = 43_200;

export const stockSettingsSchema = z
  .strictObject({
    /** Off by default: a connection sends no stock until its owner switches it on. */
    enabled: z.boolean().default(false),
    /**
     * `available`: on hand minus what open sales orders reserve (the default, what can be sold);
     * `on-hand`: physically present, reservations ignored.
     */
    calculation: z.enum(['available', 'on-hand']).default('available'),
    /** How the shop finds the article: by SKU (article code) or by EAN (barcode). */
    matchKey: z.enum(['sku', 'ean']).default('sku'),
    /**
     * Warehouses/branches whose figures are summed, as the books/POS name them: one chosen
     * warehouse or several; empty = every warehouse the system reports.
     */
    warehouses: z.array(z.string().trim().min(1).max(64)).max(100).default([]),
    /** Seconds between reads of changes (or of everything, where the system has no change feed). */
    changeIntervalSeconds: z.number().int().min(1).max(86_400).default(60),
    /** Minutes between scheduled full resyncs, which send every article whether it changed or not. */
    fullResyncMinutes: z.number().int().min(1).max(43_200).default(1440),
    /** False when the books/POS keep no stock for this shop: nothing is read, whatever `enabled` says. */
    managesStock: z.boolean().default(true),
    /**
     * Minutes a shop order Koppel received keeps its units off the pushed quantity while it is not
     * booked in the target (an order that is never booked stops holding stock after this).
     */
    inFlightHoldMinutes: z.number().int().min(1).max(MAX_HOLD_MINUTES).default(1440),
  })
  .describe("A connection's stock settings: from the books/POS into the shop");

export type StockSettings = z.infer<typeof stockSettingsSchema>;
export type StockSettingsInput = z.input<typeof stockSettingsSchema>;

/** The settings of a connection that never set any: stock off. */
export const defaultStockSettings: StockSettings = Object.freeze(stockSettingsSchema.parse({}));

/** Whether the reader reads this connection at all. */
export function stockActive(settings: StockSettings): boolean {
  return settings.enabled && settings.managesStock;
}

/**
 * The stock settings inside a connection's `sync_settings` (`{ stock?, products? }`); absent
 * stock means the defaults (off). A stored value that no longer parses is reported, not guessed.
 */
export function readStockSettings(
  syncSettings: unknown,
): { ok: true; settings: StockSettings } | { ok: false; issues: z.core.$ZodIssue[] } {
  const stock =
    syncSettings !== null && typeof syncSettings === 'object'
      ? (syncSettings as Record<string, unknown>).stock
      : undefined;
  if (stock === undefined || stock === null) return { ok: true, settings: defaultStockSettings };
  const parsed = stockSettingsSchema.safeParse(stock);
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, issues: parsed.error.issues };
}
