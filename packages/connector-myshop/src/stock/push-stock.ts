/**
 * Sets product stock in myShop with `stock/update_n`: up to MAX_PAIRS_PER_CALL
 * `productid{i}`/`stock_value{i}` pairs in one signed call. The product ids come from the
 * product list (`productlist/get`), read once per session and again, at most every
 * REREAD_AFTER_MS, when a SKU or EAN is missing. The RPC refuses a call as a whole and never says
 * why, so a refusal re-reads the product list: a refused list is the credentials; products no
 * longer listed are `unknown-article`; the rest is sent once more. README.md "Stock".
 */
import type { StockPush, StockPushResult } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { IP_ALLOWLIST_NOTE } from '../check.js';
import { myshopErrors } from '../errors.js';
import { PRIVATE_KEY_FIELD } from '../settings.js';
import { readProductList } from './product-list.js';
import type { StockPair } from './stock-pk.js';
import type { MyshopStock, MyshopStockSession } from './stock-session.js';

/** Pairs per call [INF]: the vendor client sends one; 100 keep the GET URL near 4 KB. */
export const MAX_PAIRS_PER_CALL = 100;
/** A missing article re-reads the product list at most this often. */
export const REREAD_AFTER_MS = 60_000;

async function readList(stock: MyshopStock, shop: string): Promise<void> {
  const zip = await stock.rpc.productList();
  if (zip === 'refused') {
    throw myshopErrors.authFailed(
      `myShop refused the product list of shop ${shop}: check the private key. ${IP_ALLOWLIST_NOTE}`,
      PRIVATE_KEY_FIELD,
    );
  }
  const products = readProductList(zip);
  if ('error' in products) throw myshopErrors.badResponse(`myShop's product list: ${products.error}`);
  const ids: MyshopStock['ids'] = { sku: new Map(), ean: new Map(), known: new Set() };
  for (const p of products) {
    if (p.sku !== '') ids.sku.set(p.sku, p.productId);
    if (p.ean !== '') ids.ean.set(p.ean, p.productId);
    ids.known.add(p.productId);
  }
  stock.ids = ids;
  stock.readAt = stock.now();
}

function assertValid(pushes: readonly StockPush[]): void {
  if (pushes.length > MAX_PAIRS_PER_CALL) {
    throw appError('VALIDATION_FAILED', `at most ${MAX_PAIRS_PER_CALL} pushes per call`, { field: 'pushes' });
  }
  for (const [index, push] of pushes.entries()) {
    if (!Number.isSafeInteger(push.quantity) || push.quantity < 0) {
      throw appError('VALIDATION_FAILED', `quantity of ${push.sku} must be a whole number of at least 0`, {
        field: `pushes[${index}].quantity`,
      });
    }
  }
}

export async function pushMyshopStock(
  session: MyshopStockSession,
  matchKey: 'sku' | 'ean',
  pushes: readonly StockPush[],
): Promise<StockPushResult[]> {
  assertValid(pushes);
  const { stock } = session;
  const shop = session.settings.shopNumber;
  const keys = pushes.map((push) => (matchKey === 'sku' ? push.sku : (push.ean ?? '')));
  const idsNow = () => keys.map((key) => (key === '' ? undefined : stock.ids[matchKey].get(key)));
  if (stock.readAt === undefined) await readList(stock, shop);
  let ids = idsNow();
  const missing = ids.some((id, i) => id === undefined && keys[i] !== '');
  if (missing && stock.now() - (stock.readAt ?? 0) >= REREAD_AFTER_MS) {
    await readList(stock, shop);
    ids = idsNow();
  }
  const pairsOf = (which: readonly (string | undefined)[]) => {
    const byProduct = new Map<string, StockPair>();
    for (const [i, id] of which.entries()) {
      if (id !== undefined)
        byProduct.set(id, { productId: id, stockValue: String(pushes[i]?.quantity ?? 0) });
    }
    return [...byProduct.values()];
  };
  const first = pairsOf(ids);
  if (first.length > 0 && (await stock.rpc.updateStock(first)) === 'refused') {
    await readList(stock, shop);
    ids = ids.map((id) => (id !== undefined && stock.ids.known.has(id) ? id : undefined));
    const again = pairsOf(ids);
    if (again.length > 0 && (await stock.rpc.updateStock(again)) === 'refused') {
      throw myshopErrors.rejected(
        `myShop refused the stock of products ${again.map((p) => p.productId).join(', ')} of shop ${shop}, though its product list has them`,
        200,
      );
    }
  }
  return pushes.map((push, index) => ({
    sku: push.sku,
    outcome: ids[index] === undefined ? 'unknown-article' : 'updated',
  }));
}
