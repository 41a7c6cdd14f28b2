import { appError } from '@koppel/errors';
import type { Article, StoredArticle } from './article-schema.js';
import type { CreateArticleInput, PatchArticleInput } from './article-input-schema.js';
import { imagesFromInput } from './article-images.js';
import { createArticleListStore } from './article-list-store.js';
import { formVariants } from './form-variants.js';
import type { StateHolder } from './state-holder.js';

/** Articles of the simulated store: created, read, patched (incl. stock), deleted. */
export type ArticleFilter = {
  createdStart?: string;
  createdEnd?: string;
  changedStart?: string;
  changedEnd?: string;
  ids?: number[];
  uuids?: string[];
};

export function createArticleStore(holder: StateHolder) {
  const all = () => holder.state.articles;
  const articleLists = createArticleListStore(holder);
  const stamp = (a: Article) => `${a.updated_date} ${a.updated_time}`;
  const created = (a: Article) => `${a.created_date} ${a.created_time}`;

  function find(ref: { id?: number; sku?: string; urlId?: number }): StoredArticle | undefined {
    return all().find(
      (s) =>
        (ref.id === undefined || s.article.id === ref.id) &&
        (ref.sku === undefined || s.article.sku === ref.sku) &&
        (ref.urlId === undefined || s.urlId === ref.urlId),
    );
  }

  function create(input: CreateArticleInput): Article {
    const now = holder.localNow();
    const article: Article = {
      id: holder.state.nextArticleId++,
      uuid: holder.newId(),
      name: input.name,
      categories: input.categories.map((c) => ({ id: c.id, name: c.name })),
      description: input.description ?? '',
      sku: input.sku ?? '',
      badge_text: input.badge_text ?? '',
      taxable: input.taxable ?? true,
      price: {
        default: input.price?.default ?? '0.00',
        action: input.price?.action ?? null,
        purchase: input.price?.purchase ?? null,
      },
      stock: input.stock === undefined ? null : input.stock,
      delivery_days: input.delivery_days ?? null,
      can_backorder: input.can_backorder ?? false,
      meta_title: input.meta_title ?? '',
      meta_description: input.meta_description ?? '',
      extra: input.extra ?? '',
      created_date: now.date,
      created_time: now.time,
      updated_date: now.date,
      updated_time: now.time,
      lists: articleLists.resolve(input.lists ?? [], true),
      images: imagesFromInput(holder, input.images ?? [], []),
      variants: [],
    };
    for (const v of input.variants ?? []) {
      article.variants.push({
        id: v.id ?? article.variants.length + 1,
        options: v.options ?? [],
        stock: v.stock ?? null,
        can_backorder: v.can_backorder ?? false,
        ...(v.sku !== undefined && { sku: v.sku }),
        ...(v.extra !== undefined && { extra: v.extra }),
      });
    }
    // Variants follow the lists the article offers (form-variants.ts); seeds may set them directly.
    article.variants = formVariants(article.lists, article.variants, articleLists.nextVariantId);
    all().push({ urlId: holder.state.nextArticleUrlId++, article });
    holder.changed();
    return article;
  }

  function patch(stored: StoredArticle, input: PatchArticleInput): Article {
    const a = stored.article;
    for (const [i, v] of (input.variants ?? []).entries()) {
      if (v.id === undefined || !a.variants.some((x) => x.id === v.id)) {
        throw appError('VALIDATION_FAILED', 'unknown variant id', { field: `variants[${i}].id` });
      }
    }
    const { price, variants, categories, images, lists, ...plain } = input;
    if (images) a.images = imagesFromInput(holder, images, a.images);
    // `lists[].options` in a PATCH replace the attached options (changelog 2019-07-01).
    if (lists) {
      a.lists = articleLists.resolve(lists, false);
      a.variants = formVariants(a.lists, a.variants, articleLists.nextVariantId);
    }
    Object.assign(a, plain);
    if (categories) a.categories = categories.map((c) => ({ id: c.id, name: c.name }));
    if (price) a.price = { ...a.price, ...price };
    for (const v of variants ?? []) {
      const target = a.variants.find((x) => x.id === v.id)!;
      if (v.stock !== undefined) target.stock = v.stock;
      if (v.can_backorder !== undefined) target.can_backorder = v.can_backorder;
      if (v.options !== undefined) target.options = v.options;
    }
    const now = holder.localNow();
    a.updated_date = now.date;
    a.updated_time = now.time;
    holder.changed();
    return a;
  }

  function remove(stored: StoredArticle): void {
    holder.state.articles = all().filter((s) => s !== stored);
    holder.changed();
  }

  function list(f: ArticleFilter): Article[] {
    return all()
      .map((s) => s.article)
      .filter(
        (a) =>
          (f.createdStart === undefined || created(a) >= f.createdStart) &&
          (f.createdEnd === undefined || created(a) <= f.createdEnd) &&
          (f.changedStart === undefined || stamp(a) >= f.changedStart) &&
          (f.changedEnd === undefined || stamp(a) <= f.changedEnd) &&
          (f.ids === undefined || f.ids.includes(a.id)) &&
          (f.uuids === undefined || f.uuids.includes(a.uuid)),
      )
      .sort((x, y) => x.id - y.id);
  }

  /** Stock moved by an order; unlimited (null) stock does not move. */
  function takeStock(articleId: number, quantity: number): void {
    const stored = find({ id: articleId });
    if (!stored || stored.article.stock === null) return;
    stored.article.stock -= quantity;
    const now = holder.localNow();
    stored.article.updated_date = now.date;
    stored.article.updated_time = now.time;
  }

  return { find, create, patch, remove, list, takeStock };
}

export type ArticleStore = ReturnType<typeof createArticleStore>;
