import { z } from 'zod';
import { articleExtraSchema, variantOptionSchema } from './article-schema.js';

/** Bodies of `POST /articles`, `PATCH /articles/{id}` and the control seed (notes 2.4). */
const price = z.string().regex(/^\d+(\.\d{1,2})?$/, 'decimal string with at most 2 decimals');

/**
 * A category link: the spec's `CategoryArticlePostable` (`category_id`, `is_active`, `is_main`),
 * or this simulator's older `{id, name}` form, both kept as `{id, name}`.
 */
const categoryInputSchema = z.union([
  z.strictObject({ id: z.number().int(), name: z.string().default('') }),
  z
    .strictObject({
      category_id: z.number().int(),
      is_active: z.boolean().optional(),
      is_main: z.boolean().optional(),
    })
    .transform((c) => ({ id: c.category_id, name: '' })),
]);
/** Spec `ArticleImagePostable`: an image by URL (or an existing one by `id`). */
const imageInputSchema = z.strictObject({
  id: z.string().optional(),
  url: z.url({ protocol: /^https?$/ }),
  position: z.number().int().min(1).optional(),
});
/** Spec `ConfiguratorArticleListPostable`: a store list by id with the options attached (required, 2021-02-01). */
const listInputSchema = z.strictObject({
  id: z.number().int(),
  has_images: z.boolean().optional(),
  options: z.array(z.strictObject({ id: z.number().int(), image_ids: z.array(z.string()) })),
});
const variantInputSchema = z.strictObject({
  id: z.number().int().optional(),
  options: z.array(variantOptionSchema).optional(),
  stock: z.number().int().nullable().optional(),
  can_backorder: z.boolean().optional(),
  sku: z.string().optional(),
  extra: articleExtraSchema.optional(),
});

const articleFields = {
  name: z.string().min(1),
  categories: z.array(categoryInputSchema).min(1),
  description: z.string(),
  sku: z.string(),
  badge_text: z.string(),
  taxable: z.boolean(),
  price: z.strictObject({
    default: price.optional(),
    action: price.nullable().optional(),
    purchase: price.nullable().optional(),
  }),
  /** null means unlimited stock. */
  stock: z.number().int().nullable(),
  delivery_days: z.number().int().nullable(),
  can_backorder: z.boolean(),
  meta_title: z.string(),
  meta_description: z.string(),
  extra: articleExtraSchema,
  /** Full replacement, PUT semantics (changelog 2019-07-01). */
  lists: z.array(listInputSchema),
  variants: z.array(variantInputSchema),
  images: z.array(imageInputSchema),
};

/** Patch: every field optional; variants are addressed by `id` and must exist. */
export const patchArticleInputSchema = z.strictObject(articleFields).partial();

/** Create: `name` and `categories` are required (spec), the rest optional. */
export const createArticleInputSchema = patchArticleInputSchema.required({ name: true, categories: true });

export type CreateArticleInput = z.infer<typeof createArticleInputSchema>;
export type PatchArticleInput = z.infer<typeof patchArticleInputSchema>;
