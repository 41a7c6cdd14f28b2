/**
 * The two RPC commands the stock sink uses, each after its own fresh rpc id (the vendor client
 * fetches one per call): `productlist/get/` (a zip with the product list) and
 * `stock/update_n?productid{i}=&stock_value{i}=&count=` (notes: vendor `MyshopRpcClient.php`).
 * The RPC refuses with HTTP 200 and "invalid request" and never says why; a refusal is answered
 * with `refused` and the caller decides. HTTP 429/5xx/timeouts are retryable AppErrors.
 */
import { classifyResponse, describeFetchFailure, type SessionServices } from '@koppel/connector-sdk';
import { isRefusal, type MyshopClient } from '../client.js';
import { myshopErrors } from '../errors.js';
import { type MyshopCredentials, type MyshopSettings, rpcBaseUrlOf } from '../settings.js';
import { productListPk, type StockPair, stockUpdatePk } from './stock-pk.js';

/** No Retry-After on a 429: wait this long (the RPC documents no limit). */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

export type StockRpc = {
  productList(): Promise<Buffer | 'refused'>;
  updateStock(pairs: readonly StockPair[]): Promise<'ok' | 'refused'>;
};

export function createStockRpc(
  settings: MyshopSettings,
  credentials: MyshopCredentials,
  services: SessionServices,
  client: MyshopClient,
): StockRpc {
  const base = rpcBaseUrlOf(settings);
  const shop = settings.shopNumber;

  async function get(path: string, query: Record<string, string>): Promise<Buffer> {
    const url = `${base}${path}?${new URLSearchParams(query).toString()}`;
    let response: Response;
    try {
      response = await services.fetch(url, { signal: AbortSignal.timeout(services.requestTimeoutMs) });
    } catch (cause) {
      const reason = describeFetchFailure(cause, services.requestTimeoutMs).reason;
      throw myshopErrors.unavailable(`myShop did not answer ${path}: ${reason}`, cause);
    }
    const body = Buffer.from(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
    const { status, kind, retryAfterSeconds } = classifyResponse(response, services.now());
    if (kind === 'ok') return body;
    if (kind === 'rate-limited')
      throw myshopErrors.rateLimited(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    if (kind === 'unavailable') throw myshopErrors.unavailable(`myShop answered ${status} to ${path}`);
    throw myshopErrors.rejected(
      `myShop answered ${status} to ${path}: ${body.toString('utf8', 0, 200)}`,
      status,
    );
  }

  /** A zip starts with "PK"; a refusal is the short "invalid request" text. */
  const refused = (body: Buffer) => body.length < 200 && isRefusal(body.toString('utf8'));

  return {
    async productList() {
      const rpcId = await client.rpcId();
      const pk = productListPk(shop, rpcId, credentials.privateKey);
      const body = await get('/productlist/get/', { shop, pk, rpc_id: rpcId });
      return refused(body) ? 'refused' : body;
    },
    async updateStock(pairs) {
      const rpcId = await client.rpcId();
      const query: Record<string, string> = { shop, rpc_id: rpcId, count: String(pairs.length) };
      for (const [i, pair] of pairs.entries()) {
        query[`productid${i}`] = pair.productId;
        query[`stock_value${i}`] = pair.stockValue;
      }
      query.pk = stockUpdatePk(shop, pairs, rpcId, credentials.privateKey);
      const body = await get('/stock/update_n', query);
      // The vendor client takes any non-empty answer without "invalid request" as success.
      return body.length === 0 || isRefusal(body.toString('utf8')) ? 'refused' : 'ok';
    },
  };
}
