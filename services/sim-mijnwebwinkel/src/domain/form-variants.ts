/**
 * Pure: the variants of an article from the lists it offers, one per combination of their
 * options [INF: the spec says only "Versions of the article which have at least one diverging field
 * value" and, changelog 2019-05-03, that variants without matching lists were removed]. A
 * combination the article already had keeps its variant (id, stock, own fields); a new one starts
 * with stock 0 [INF: never sells what stock sync has not set]; one no longer offered is dropped.
 */
import type { ConfiguratorList } from './article-list-schema.js';
import type { ArticleVariant } from './article-schema.js';

type Option = ArticleVariant['options'][number];

const keyOf = (options: readonly Option[]) =>
  options
    .map((o) => `${o.list_id}:${o.option_id}`)
    .sort()
    .join(',');

export function formVariants(
  lists: readonly ConfiguratorList[],
  existing: readonly ArticleVariant[],
  nextId: () => number,
): ArticleVariant[] {
  if (lists.length === 0) return [...existing];
  let combinations: Option[][] = [[]];
  for (const list of lists) {
    combinations = combinations.flatMap((combination) =>
      list.options.map((o) => [...combination, { list_id: list.id, option_id: o.id, name: o.name }]),
    );
  }
  const byKey = new Map(existing.map((v) => [keyOf(v.options), v]));
  return combinations.map((options) => {
    const kept = byKey.get(keyOf(options));
    return kept ? { ...kept, options } : { id: nextId(), options, stock: 0, can_backorder: false };
  });
}
