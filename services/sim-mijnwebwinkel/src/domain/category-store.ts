/**
 * Categories (shop pages) of the simulated store: listed, read, created (spec `CategoryPostable`:
 * `title` required, `parent_category_id` an existing page). README.md "Categories and images".
 */
import { appError } from '@koppel/errors';
import { type CatalogState, type Category, FIRST_CATEGORY_ID } from './catalog-schema.js';
import type { StateHolder } from './state-holder.js';

export type CategoryInput = {
  title: string;
  parent_category_id?: number | undefined;
  hidden?: boolean | undefined;
  content?: string | undefined;
  meta_title?: string | undefined;
  meta_description?: string | undefined;
  article_order?: number | undefined;
};

export function createCategoryStore(holder: StateHolder) {
  const catalog = (): CatalogState => {
    holder.state.catalog ??= { nextCategoryId: FIRST_CATEGORY_ID, categories: [] };
    return holder.state.catalog;
  };

  function find(id: number): Category | undefined {
    return catalog().categories.find((c) => c.id === id);
  }

  function create(input: CategoryInput): Category {
    const parent = input.parent_category_id;
    if (parent !== undefined && !find(parent)) {
      throw appError('VALIDATION_FAILED', 'no category with this id', { field: 'parent_category_id' });
    }
    const now = holder.localNow();
    const category: Category = {
      id: catalog().nextCategoryId++,
      parent_category_id: parent ?? null,
      hidden: input.hidden ?? false,
      title: input.title,
      content: input.content ?? '',
      meta_title: input.meta_title ?? '',
      meta_description: input.meta_description ?? '',
      article_order: input.article_order ?? 5,
      created: `${now.date} ${now.time}`,
    };
    catalog().categories.push(category);
    holder.changed();
    return category;
  }

  const list = (): Category[] => [...catalog().categories].sort((a, b) => a.id - b.id);

  return { find, create, list };
}

export type CategoryStore = ReturnType<typeof createCategoryStore>;

/** A category as the API serves it (the internal `created` stamp left out). */
export function categoryView(
  category: Category,
  all: readonly Category[],
  tree: boolean,
): Record<string, unknown> {
  const { created: _created, ...served } = category;
  if (!tree) return served;
  const leafs = all
    .filter((c) => c.parent_category_id === category.id)
    .map((c) => categoryView(c, all, true));
  return { ...served, leafs };
}
