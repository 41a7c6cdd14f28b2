/**
 * Signatures of the stock calls in the merchant form (private key), by analogy with the order
 * pull's documented `sha1(shop + change_time + rpc_id + private key)`: the call's own arguments
 * in the place of `change_time`. The vendor client documents only the partner form
 * (`sha1(shop + key + partner + module + productid + stock_value + rpc_id)`). README.md "Stock".
 */
import { sha1Hex } from '../pk.js';

export type StockPair = { productId: string; stockValue: string };

/** `stock/update_n`: every `productid{i}` + `stock_value{i}` in index order. */
export function stockUpdatePk(
  shop: string,
  pairs: readonly StockPair[],
  rpcId: string,
  privateKey: string,
): string {
  return sha1Hex(shop + pairs.map((p) => p.productId + p.stockValue).join('') + rpcId + privateKey);
}

/** `productlist/get`: no arguments. */
export function productListPk(shop: string, rpcId: string, privateKey: string): string {
  return sha1Hex(shop + rpcId + privateKey);
}
