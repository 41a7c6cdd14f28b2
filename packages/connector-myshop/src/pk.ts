/**
 * The `pk` signature of the merchant order pull, as the myShop order-management manual states it:
 * SHA-1, lowercase hex (PHP `sha1()`), of shop number + change_time + rpc_id + private key,
 * plain concatenation without separators. The partner edition of the vendor's client orders the
 * parts differently; only the merchant form is used here (README "Vendor facts").
 */
import { createHash } from 'node:crypto';

export function sha1Hex(input: string): string {
  return createHash('sha1').update(input, 'utf8').digest('hex');
}

/** `selector` is the `change_time` (yyyymmddhhmmss) the call sends. */
export function ordersListPk(shop: string, selector: string, rpcId: string, privateKey: string): string {
  return sha1Hex(shop + selector + rpcId + privateKey);
}
