/**
 * A connection's product sync settings, stored in `connections.sync_settings.products` and set
 * through the admin API. Products flow one way only, from the books/POS (the connection's target
 * system) into the shop (its source system): `direction` is one field, so two directions can
 * never be active at once.
 */
import { z } from 'zod';

/** The largest chunk Koppel sends in one call; a sink's own `maxBatchSize` may lower it. */
export const MAX_CHUNK_SIZE = 1000;

export const productSettingsSchema = z
  .strictObject({
    /** `off`: no product sync; `books-to-shop`: the books/POS catalogue is uploaded into the shop. */
    direction: z.enum(['off', 'books-to-shop']).default('off'),
    /** How the shop finds an existing product: by SKU (article code) or by EAN. */
    matchKey: z.enum(['sku', 'ean']).default('sku'),
    /**
     * On: name, descriptions, images, categories and attributes are kept up to date. Off: an
     * existing product only gets its price, so what the shop owner enriched in the shop is kept;
     * a new product is still created whole.
     */
    updateProductInfo: z.boolean().default(true),
    /** Whether the shop's prices are entered incl. VAT (true) or excl. VAT (false). */
    pricesIncludeVat: z.boolean().default(true),
    /** Product groups of the source never uploaded (compared without regard to case). */
    excludedGroups: z.array(z.string().trim().min(1)).max(500).default([]),
    /** Source attribute name → shop attribute name, e.g. { kleur: 'colour' }. */
    attributeMap: z.record(z.string().trim().min(1), z.string().trim().min(1)).default({}),
    /** Products per upload call (count); InnVoice's own link uploads in chunks. */
    chunkSize: z.number().int().min(1).max(MAX_CHUNK_SIZE).default(100),
    /** Minutes between scheduled runs (InnVoice's link uploads every 10 minutes). */
    intervalMinutes: z.number().int().min(1).max(10_080).default(10),
  })
  .describe("A connection's product sync settings");

export type ProductSettings = z.infer<typeof productSettingsSchema>;
export type ProductSettingsInput = z.input<typeof productSettingsSchema>;

/** The settings of a connection that never set any: product sync off. */
export const DEFAULT_PRODUCT_SETTINGS: ProductSettings = Object.freeze(productSettingsSchema.parse({}));
