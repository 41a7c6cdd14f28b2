/**
 * Article lists: the store's option lists (size, colour...) that articles offer as choices and
 * variants are formed from (spec `ArticleList`, `ArticleListOption`, `ConfiguratorArticleList`,
 * `ArticleVariantOption`; https://myonlinestore.github.io/public-api-docs/#tag/ArticleLists).
 * README.md "Article lists and variants". Kept beside the articles (created on first use).
 */
import { z } from 'zod';

export const articleListOptionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  price: z.string(),
});
export const articleListSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  options: z.array(articleListOptionSchema),
});
export type ArticleList = z.infer<typeof articleListSchema>;

/** An article's list as served (`ConfiguratorArticleList`): the attached subset of options. */
export const configuratorListSchema = articleListSchema.extend({
  has_images: z.boolean(),
  options: z.array(articleListOptionSchema.extend({ image_ids: z.array(z.string()) })),
});
export type ConfiguratorList = z.infer<typeof configuratorListSchema>;

export const articleListStateSchema = z.object({
  nextListId: z.number().int(),
  nextOptionId: z.number().int(),
  /** [INF] Variant ids formed from lists (the spec's example variant is 1362). */
  nextVariantId: z.number().int().default(1_300),
  lists: z.array(articleListSchema),
});
export type ArticleListState = z.infer<typeof articleListStateSchema>;

/** [INF] Ids after the spec's examples (list 193177, options 71362...). */
export const FIRST_LIST_ID = 193_100;
export const FIRST_OPTION_ID = 71_300;
