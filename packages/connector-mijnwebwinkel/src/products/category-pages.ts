/**
 * Categories (the shop's pages) by title path, outermost first: an existing page of that title
 * under the same parent is reused, a missing one is created (`POST /categories` with `title` and
 * `parent_category_id`). The pages are read once per session (`GET /categories`, 100 per page)
 * and the session keeps what it creates, so a path is never created twice.
 * https://myonlinestore.github.io/public-api-docs/#tag/Categories-(Pages)
 */
import { z } from 'zod';
import { mijnwebwinkelErrors } from '../errors.js';
import type { MijnwebwinkelProducts } from './product-session.js';

const PAGE_LIMIT = 100;
const categorySchema = z.object({
  id: z.number().int(),
  parent_category_id: z.number().int().nullable().optional(),
  title: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
});

type Tree = Map<string, Map<string, number>>;

const categoryListSchema = z.array(categorySchema);

async function readTree(products: MijnwebwinkelProducts): Promise<Tree> {
  const tree: Tree = new Map();
  for (let offset = 0; ; offset += PAGE_LIMIT) {
    const answer = await products.client.call('GET', '/categories', {
      query: { limit: String(PAGE_LIMIT), offset: String(offset) },
    });
    const page = answer.ok ? categoryListSchema.safeParse(answer.body) : undefined;
    if (!page?.success)
      throw mijnwebwinkelErrors.badResponse(`the category list at offset ${offset} is no list`);
    for (const category of page.data) {
      const parent = category.parent_category_id == null ? '' : String(category.parent_category_id);
      const children = tree.get(parent) ?? new Map<string, number>();
      if (!children.has(category.title.trim())) children.set(category.title.trim(), category.id);
      tree.set(parent, children);
    }
    if (page.data.length < PAGE_LIMIT) return tree;
  }
}

/** The page id at the end of a title path, creating missing pages; or why it could not. */
export async function categoryIdOf(
  products: MijnwebwinkelProducts,
  path: readonly string[],
): Promise<{ ok: true; id: number } | { ok: false; reason: string }> {
  products.categories ??= await readTree(products);
  const tree = products.categories;
  let parent = '';
  let id = 0;
  for (const raw of path) {
    const title = raw.trim();
    const known = tree.get(parent)?.get(title);
    if (known !== undefined) {
      id = known;
    } else {
      const answer = await products.client.call('POST', '/categories', {
        body: { title, ...(parent === '' ? {} : { parent_category_id: Number(parent) }) },
      });
      const created = answer.ok ? categorySchema.safeParse(answer.body) : undefined;
      if (!created?.success) {
        return {
          ok: false,
          reason: `category ${path.join(' > ')}: ${answer.ok ? 'no id in the answer' : answer.reason}`,
        };
      }
      id = created.data.id;
      const children = tree.get(parent) ?? new Map<string, number>();
      children.set(title, id);
      tree.set(parent, children);
    }
    parent = String(id);
  }
  return { ok: true, id };
}
