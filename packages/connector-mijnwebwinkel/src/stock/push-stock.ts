/**
 * Sets article and variant stock in Mijnwebwinkel: one `PATCH /v1/articles/{id}` per article,
 * `{"stock": n}` for the article and `{"variants": [{"id", "stock"}]}` for its variants (the
 * documented way; there is no stock endpoint and no batch), after finding each SKU or EAN in the
 * session's article index. An article that answers 404 is forgotten and reported as
 * `unknown-article`. README.md "Stock".
 * https://myonlinestore.github.io/public-api-docs/#tag/Articles (changelog 2019-07-01)
 */
import type { StockPush, StockPushResult } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import type { ArticleRef } from './article-index.js';
import { refreshIndex } from './read-catalogue.js';
import type { MijnwebwinkelStockSession } from './stock-session.js';

/** Pushes per call: one PATCH per article, so this only bounds the work of one call. */
export const MAX_PUSHES_PER_CALL = 100;

type Change = { stock?: number; variants: { id: number; stock: number }[]; indexes: number[] };

function assertValid(pushes: readonly StockPush[]): void {
  if (pushes.length > MAX_PUSHES_PER_CALL) {
    throw appError('VALIDATION_FAILED', `at most ${MAX_PUSHES_PER_CALL} pushes per call`, {
      field: 'pushes',
    });
  }
  for (const [index, push] of pushes.entries()) {
    if (!Number.isSafeInteger(push.quantity) || push.quantity < 0) {
      throw appError('VALIDATION_FAILED', `quantity of ${push.sku} must be a whole number of at least 0`, {
        field: `pushes[${index}].quantity`,
      });
    }
  }
}

/** One PATCH body per article: the article's own stock and its variants' (pure). */
export function groupByArticle(
  pushes: readonly StockPush[],
  refs: readonly (ArticleRef | undefined)[],
): Map<number, Change> {
  const changes = new Map<number, Change>();
  for (const [index, ref] of refs.entries()) {
    const push = pushes[index];
    if (!ref || !push) continue;
    const change = changes.get(ref.articleId) ?? { variants: [], indexes: [] };
    if (ref.variantId === undefined) change.stock = push.quantity;
    else
      change.variants = [
        ...change.variants.filter((v) => v.id !== ref.variantId),
        { id: ref.variantId, stock: push.quantity },
      ];
    change.indexes.push(index);
    changes.set(ref.articleId, change);
  }
  return changes;
}

export async function pushMijnwebwinkelStock(
  session: MijnwebwinkelStockSession,
  matchKey: 'sku' | 'ean',
  pushes: readonly StockPush[],
): Promise<StockPushResult[]> {
  assertValid(pushes);
  const { stock } = session;
  const keys = pushes.map((push) => (matchKey === 'sku' ? push.sku : (push.ean ?? '')));
  const lookUp = () => keys.map((key) => (key === '' ? undefined : stock.index.get(matchKey, key)));
  await refreshIndex(stock, false);
  let refs = lookUp();
  if (refs.some((ref, i) => ref === undefined && keys[i] !== '')) {
    await refreshIndex(stock, true);
    refs = lookUp();
  }
  const unknown = new Set(refs.flatMap((ref, index) => (ref === undefined ? [index] : [])));
  for (const [articleId, change] of groupByArticle(pushes, refs)) {
    const body = {
      ...(change.stock === undefined ? {} : { stock: change.stock }),
      ...(change.variants.length === 0 ? {} : { variants: change.variants }),
    };
    if ((await stock.client.patchArticle(articleId, body)) === 'not-found') {
      for (const index of change.indexes) {
        unknown.add(index);
        stock.index.forget(matchKey, keys[index] ?? '');
      }
    }
  }
  return pushes.map((push, index) => ({
    sku: push.sku,
    outcome: unknown.has(index) ? 'unknown-article' : 'updated',
  }));
}
