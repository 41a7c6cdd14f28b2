/**
 * Categories (shop pages) and article images as the spec serves them (`Category`, `ArticleImage`,
 * https://myonlinestore.github.io/public-api-docs/#tag/Categories-(Pages)); README.md
 * "Categories and images". Kept beside the articles in the state (created on first use).
 */
import { z } from 'zod';

export const categorySchema = z.object({
  id: z.number().int(),
  parent_category_id: z.number().int().nullable(),
  hidden: z.boolean(),
  title: z.string(),
  content: z.string(),
  meta_title: z.string(),
  meta_description: z.string(),
  article_order: z.number().int(),
  created: z.string(),
});
export type Category = z.infer<typeof categorySchema>;

/** `ArticleImage`: `position` is a string in the spec, `id` a uuid, `urls` one URL per format. */
export const articleImageSchema = z.object({
  position: z.string(),
  id: z.string(),
  original_name: z.string(),
  url: z.string(),
  urls: z.object({ full: z.string(), article: z.string(), thumb: z.string() }),
});
export type ArticleImage = z.infer<typeof articleImageSchema>;

export const catalogStateSchema = z.object({
  nextCategoryId: z.number().int(),
  categories: z.array(categorySchema),
});
export type CatalogState = z.infer<typeof catalogStateSchema>;

/** [INF] Category ids start here (the spec's example ids are in the tens of thousands). */
export const FIRST_CATEGORY_ID = 78_900;
/** [INF] Where uploaded images are served from, after the spec's example URLs. */
export const ASSET_BASE = 'https://asset.myonlinestore.com/winkel/sim/images';
