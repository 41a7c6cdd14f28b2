/**
 * Categories by name path (outermost first): an existing category of that name under the same
 * parent is reused, a missing one is created with `POST /categoryExtend` (the category with its
 * description in one call, api-examples 04), one `/batch` per depth. The shop's tree is read
 * once per session (`/categoryExtend?full=1`, names of the Hungarian description) and kept up to
 * date with what this session creates, so a path is never created twice.
 * https://doc.shoprenter.hu/development/api-examples/04_attach_product_to_category.html
 */
import { listAll, type ShoprenterSession } from '../poll-orders.js';
import { type CatalogSubRequest, sendCatalogBatch } from './catalog-batch.js';
import { categoryExtendSchema, idOfHref, writtenSchema } from './catalog-schemas.js';

/** Children by parent id ('' = top level), then id by name. */
type Tree = Map<string, Map<string, string>>;

const trees = new WeakMap<ShoprenterSession, Promise<Tree>>();

export const pathKey = (path: readonly string[]) => JSON.stringify(path.map((name) => name.trim()));

async function readTree(session: ShoprenterSession, languageId: string): Promise<Tree> {
  const rows = await listAll(session.client, '/categoryExtend', {}, categoryExtendSchema);
  const tree: Tree = new Map();
  for (const row of rows) {
    const description =
      row.categoryDescriptions.find((d) => d.language && idOfHref(d.language.href) === languageId) ??
      row.categoryDescriptions[0];
    if (!description || description.name.trim() === '') continue;
    const parent = row.parentCategory ? idOfHref(row.parentCategory.href) : '';
    const children = tree.get(parent) ?? new Map<string, string>();
    if (!children.has(description.name.trim())) children.set(description.name.trim(), row.id);
    tree.set(parent, children);
  }
  return tree;
}

function treeOf(session: ShoprenterSession, languageId: string): Promise<Tree> {
  let tree = trees.get(session);
  if (!tree) {
    tree = readTree(session, languageId).catch((error: unknown) => {
      trees.delete(session);
      throw error;
    });
    trees.set(session, tree);
  }
  return tree;
}

export type CategoryIds = Map<string, { ok: true; id: string } | { ok: false; reason: string }>;

/** The category id of every path (by `pathKey`), creating what is missing; or why it could not be made. */
export async function resolveCategoryPaths(
  session: ShoprenterSession,
  languageId: string,
  paths: readonly (readonly string[])[],
): Promise<CategoryIds> {
  const result: CategoryIds = new Map();
  const wanted = [
    ...new Map(paths.filter((p) => p.length > 0).map((p) => [pathKey(p), p.map((n) => n.trim())])).values(),
  ];
  if (wanted.length === 0) return result;
  const tree = await treeOf(session, languageId);
  const failed = new Map<string, string>();
  const depth = Math.max(...wanted.map((p) => p.length));
  for (let level = 0; level < depth; level += 1) {
    const creates = new Map<string, { parent: string; name: string }>();
    for (const path of wanted) {
      if (level >= path.length) continue;
      const parent = parentIdOf(tree, path.slice(0, level));
      const name = path[level] ?? '';
      if (parent === undefined || failed.has(pathKey(path.slice(0, level + 1)))) continue;
      if (!tree.get(parent)?.has(name)) creates.set(`${parent}/${name}`, { parent, name });
    }
    const list = [...creates.values()];
    const outcomes = await sendCatalogBatch(
      session,
      list.map((c) => createRequest(c, languageId)),
    );
    for (const [index, create] of list.entries()) {
      const outcome = outcomes[index];
      const written = outcome?.ok ? writtenSchema.safeParse(outcome.body) : undefined;
      if (written?.success) {
        const children = tree.get(create.parent) ?? new Map<string, string>();
        children.set(create.name, written.data.id);
        tree.set(create.parent, children);
      } else {
        for (const path of wanted) {
          if (path[level] === create.name && parentIdOf(tree, path.slice(0, level)) === create.parent) {
            failed.set(pathKey(path.slice(0, level + 1)), outcome && !outcome.ok ? outcome.reason : 'no id');
          }
        }
      }
    }
  }
  for (const path of wanted) {
    const id = parentIdOf(tree, path);
    const prefixFailure = [...failed.entries()].find(([key]) => pathKey(path).startsWith(key.slice(0, -1)));
    result.set(
      pathKey(path),
      id !== undefined && id !== ''
        ? { ok: true, id }
        : {
            ok: false,
            reason: `category ${path.join(' > ')} could not be created: ${prefixFailure?.[1] ?? 'unknown'}`,
          },
    );
  }
  return result;
}

/** The id at the end of a path ('' for the empty path = top level), undefined when missing. */
function parentIdOf(tree: Tree, path: readonly string[]): string | undefined {
  let id = '';
  for (const name of path) {
    const next = tree.get(id)?.get(name);
    if (next === undefined) return undefined;
    id = next;
  }
  return id;
}

function createRequest(create: { parent: string; name: string }, languageId: string): CatalogSubRequest {
  return {
    method: 'POST',
    path: '/categoryExtend',
    data: {
      status: '1',
      ...(create.parent === '' ? {} : { parentCategory: { id: create.parent } }),
      categoryDescriptions: [{ name: create.name, language: { id: languageId } }],
    },
  };
}
