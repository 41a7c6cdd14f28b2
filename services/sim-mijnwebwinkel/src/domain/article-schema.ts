import { z } from 'zod';
import { articleImageSchema } from './catalog-schema.js';

/** The Article resource as served (notes 2.4). Prices are decimal strings, incl. or excl. VAT
 * depending on `store.prices_include_tax`; `stock: null` means unlimited. */
/** `ArticleExtraFieldSet` (spec): merchant fields, `invisible.barcode` holds the EAN in the spec's
 * example. Older state may hold the plain string this simulator used to serve. */
export const articleExtraSchema = z.union([
  z.string(),
  z.object({
    visible: z.record(z.string(), z.string()).optional(),
    invisible: z.record(z.string(), z.string()).optional(),
  }),
]);

export const articleVariantSchema = z.object({
  id: z.number().int(),
  options: z.array(z.object({ list_option_id: z.number().int(), description: z.string() })),
  stock: z.number().int().nullable(),
  can_backorder: z.boolean(),
  /** [INF] A variant's own SKU ("versions of the article which have at least one diverging field
   * value", spec); served only when set (assumptions.ts VARIANT_OWN_FIELDS). */
  sku: z.string().optional(),
  /** [INF] A variant's own extra fields, e.g. `invisible.barcode` (its EAN); served only when set. */
  extra: articleExtraSchema.optional(),
});

export const articleSchema = z.object({
  id: z.number().int(),
  uuid: z.string(),
  name: z.string(),
  categories: z.array(z.object({ id: z.number().int(), name: z.string() })),
  description: z.string(),
  sku: z.string(),
  badge_text: z.string(),
  taxable: z.boolean(),
  price: z.object({ default: z.string(), action: z.string().nullable(), purchase: z.string().nullable() }),
  stock: z.number().int().nullable(),
  delivery_days: z.number().int().nullable(),
  can_backorder: z.boolean(),
  meta_title: z.string(),
  meta_description: z.string(),
  extra: articleExtraSchema,
  created_date: z.string(),
  created_time: z.string(),
  updated_date: z.string(),
  updated_time: z.string(),
  lists: z.array(
    z.object({
      id: z.number().int(),
      options: z.array(z.object({ id: z.number().int(), description: z.string(), price: z.string() })),
    }),
  ),
  /** Spec `ArticleImage` (catalog-schema.ts). */
  images: z.array(articleImageSchema),
  variants: z.array(articleVariantSchema),
});

export type Article = z.infer<typeof articleSchema>;
export type ArticleVariant = z.infer<typeof articleVariantSchema>;

/** An article as kept in state: the served resource plus the id of its shop page URL. */
export const storedArticleSchema = z.object({ urlId: z.number().int(), article: articleSchema });
export type StoredArticle = z.infer<typeof storedArticleSchema>;
