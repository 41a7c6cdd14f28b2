/**
 * The store's article lists a variant product offers (README.md "Variants"): each read once per
 * session (`GET /articlelists/{id}`, options by name without regard to case), options it lacks
 * added when the connection allows (`POST /articlelistoptions/{id}` with `[{name, price: "0.00"}]`,
 * answered with the list), and the `lists` of the article body (`ConfiguratorArticleListPostable`:
 * `{id, options: [{id, image_ids}]}`).
 * https://myonlinestore.github.io/public-api-docs/#tag/ArticleLists
 */
import { z } from 'zod';
import { mijnwebwinkelErrors } from '../errors.js';
import type { ListPlan } from './plan-variant-lists.js';
import type { MijnwebwinkelProducts } from './product-session.js';

const articleListSchema = z.object({
  id: z.number().int(),
  options: z.array(z.object({ id: z.number().int(), name: z.string() })).default([]),
});

const byName = (body: unknown) => {
  const list = articleListSchema.safeParse(body);
  if (!list.success) throw mijnwebwinkelErrors.badResponse('the article list answer has no options');
  return new Map(list.data.options.map((o) => [o.name.trim().toLowerCase(), o.id]));
};

async function optionsOf(
  products: MijnwebwinkelProducts,
  listId: number,
): Promise<Map<string, number> | string> {
  const known = products.articleLists.get(listId);
  if (known) return known;
  const answer = await products.client.call('GET', `/articlelists/${listId}`);
  if (!answer.ok) return `article list ${listId}: ${answer.reason}`;
  const options = byName(answer.body);
  products.articleLists.set(listId, options);
  return options;
}

/** The article body's `lists`, or why not (naming the list, the attribute and the value). */
export async function articleListsBody(
  products: MijnwebwinkelProducts,
  plan: ListPlan,
): Promise<{ lists: Record<string, unknown>[] } | { reason: string }> {
  const lists: Record<string, unknown>[] = [];
  for (const use of plan.lists) {
    const read = await optionsOf(products, use.listId);
    if (typeof read === 'string') return { reason: `attribute "${use.attribute}": ${read}` };
    let options = read;
    const missing = use.values.filter((v) => !read.has(v.toLowerCase()));
    if (missing.length > 0 && products.createMissingOptions) {
      const answer = await products.client.call('POST', `/articlelistoptions/${use.listId}`, {
        body: missing.map((name) => ({ name, price: '0.00' })),
      });
      if (!answer.ok) return { reason: `attribute "${use.attribute}": ${answer.reason}` };
      options = byName(answer.body);
      products.articleLists.set(use.listId, options);
    }
    const ids: number[] = [];
    for (const value of use.values) {
      const id = options.get(value.toLowerCase());
      if (id === undefined) {
        return {
          reason: `attribute "${use.attribute}": article list ${use.listId} has no option "${value}"`,
        };
      }
      ids.push(id);
    }
    lists.push({ id: use.listId, options: ids.map((id) => ({ id, image_ids: [] })) });
  }
  return { lists };
}
