/**
 * The store's article lists: read by id, options added (`POST /articlelistoptions/{id}`) or removed
 * by name (`DELETE`), created by the merchant in the back office (here: the control API), and the
 * lists an article offers resolved from `ConfiguratorArticleListPostable` (`{id, options: [{id,
 * image_ids}]}`). The spec has no call that lists or creates lists. README.md "Article lists and variants".
 */
import { appError } from '@koppel/errors';
import {
  type ArticleList,
  type ArticleListState,
  type ConfiguratorList,
  FIRST_LIST_ID,
  FIRST_OPTION_ID,
} from './article-list-schema.js';
import type { StateHolder } from './state-holder.js';

export type ListOptionInput = { name: string; price?: string | undefined };
export type ArticleListInput = {
  id: number;
  has_images?: boolean | undefined;
  options: { id: number; image_ids: string[] }[];
};

export function createArticleListStore(holder: StateHolder) {
  const state = (): ArticleListState => {
    holder.state.articleLists ??= {
      nextListId: FIRST_LIST_ID,
      nextOptionId: FIRST_OPTION_ID,
      nextVariantId: 1_300,
      lists: [],
    };
    return holder.state.articleLists;
  };
  const find = (id: number): ArticleList | undefined => state().lists.find((l) => l.id === id);

  function create(input: {
    name: string;
    description?: string | undefined;
    options: ListOptionInput[];
  }): ArticleList {
    const list: ArticleList = {
      id: state().nextListId++,
      name: input.name,
      description: input.description ?? '',
      options: [],
    };
    state().lists.push(list);
    return addOptions(list, input.options);
  }

  /** [INF] An option whose name the list already has is not added twice. */
  function addOptions(list: ArticleList, options: ListOptionInput[]): ArticleList {
    for (const option of options) {
      if (list.options.some((o) => o.name === option.name)) continue;
      list.options.push({ id: state().nextOptionId++, name: option.name, price: option.price ?? '0.00' });
    }
    holder.changed();
    return list;
  }

  function removeOptions(list: ArticleList, names: string[]): ArticleList {
    list.options = list.options.filter((o) => !names.includes(o.name));
    holder.changed();
    return list;
  }

  /** The lists an article offers, as served; an unknown list or option answers 422 naming it. */
  function resolve(input: ArticleListInput[], creating: boolean): ConfiguratorList[] {
    return input.map((entry, i) => {
      const list = find(entry.id);
      if (!list)
        throw appError('VALIDATION_FAILED', 'no article list with this id', { field: `lists[${i}].id` });
      // "When creating an Article with the POST operation, each list must have at least one option" (changelog).
      if (creating && entry.options.length === 0) {
        throw appError('VALIDATION_FAILED', 'each list needs at least one option', {
          field: `lists[${i}].options`,
        });
      }
      const options = entry.options.map((o, j) => {
        const option = list.options.find((x) => x.id === o.id);
        if (!option) {
          throw appError('VALIDATION_FAILED', 'no option with this id in the list', {
            field: `lists[${i}].options[${j}].id`,
          });
        }
        return { ...option, image_ids: o.image_ids };
      });
      return {
        id: list.id,
        name: list.name,
        description: list.description,
        has_images: entry.has_images ?? false,
        options,
      };
    });
  }

  const nextVariantId = () => state().nextVariantId++;

  return { find, create, addOptions, removeOptions, resolve, nextVariantId };
}

export type ArticleListStore = ReturnType<typeof createArticleListStore>;
