import { z } from 'zod';
import { configuratorListSchema } from './article-list-schema.js';
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

/**
 * Spec `ArticleVariantOption` (`list_id`, `option_id`, `name`). Older state and seeds used
 * `{list_option_id, description}` (the order line's option shape); they are read as that option
 * of list 0.
 */
export const variantOptionSchema = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && 'list_option_id' in value
      ? {
          list_id: 0,
          option_id: (value as { list_option_id: unknown }).list_option_id,
          name: (value as { description?: unknown }).description ?? '',
        }
      : value,
  z.object({ list_id: z.number().int(), option_id: z.number().int(), name: z.string() }),
);

export const articleVariantSchema = z.object({
  id: z.number().int(),
  options: z.array(variantOptionSchema),
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
  /** Spec `ConfiguratorArticleList`: the store lists the article offers (article-list-schema.ts). */
  lists: z.array(configuratorListSchema),
  /** Spec `ArticleImage` (catalog-schema.ts). */
  images: z.array(articleImageSchema),
  variants: z.array(articleVariantSchema),
});

export type Article = z.infer<typeof articleSchema>;
export type ArticleVariant = z.infer<typeof articleVariantSchema>;

/** An article as kept in state: the served resource plus the id of its shop page URL. */
export const storedArticleSchema = z.object({ urlId: z.number().int(), article: articleSchema });
export type StoredArticle = z.infer<typeof storedArticleSchema>;
