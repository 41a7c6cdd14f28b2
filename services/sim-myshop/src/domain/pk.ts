import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The `pk` request signatures: SHA-1, lowercase hex (PHP `sha1()`), of plain concatenations
 * without separators. Kept as small functions so a corrected formula is a one-line change.
 */
export function sha1Hex(input: string): string {
  return createHash('sha1').update(input, 'utf8').digest('hex');
}

/** Constant-time comparison; an uppercase or otherwise different pk does not match. */
export function pkMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export type MerchantCredentials = { kind: 'merchant'; privateKey: string };
export type PartnerCredentials = { kind: 'partner'; partnerName: string; partnerKey: string; module: string };
export type Credentials = MerchantCredentials | PartnerCredentials;

/**
 * orders/list. Merchant [C manual]: shop + change_time + rpc_id + private key.
 * Partner [C vendor code]: shop + (change_time | order_id) + key + partner + module + rpc_id.
 * Merchant by order_id [INF]: order_id in the place of change_time.
 */
export function ordersListPk(shop: string, selector: string, rpcId: string, c: Credentials): string {
  if (c.kind === 'merchant') return sha1Hex(shop + selector + rpcId + c.privateKey);
  return sha1Hex(shop + selector + c.partnerKey + c.partnerName + c.module + rpcId);
}

/**
 * stock/update_n. Partner [C vendor code, count=1]: shop + key + partner + module + productid +
 * stock_value + rpc_id; for count > 1 the pairs in index order [INF].
 * Merchant [INF]: shop + pairs + rpc_id + private key, by analogy with the order pull.
 */
export function stockUpdatePk(
  shop: string,
  pairs: { productId: string; stockValue: string }[],
  rpcId: string,
  c: Credentials,
): string {
  const joined = pairs.map((p) => p.productId + p.stockValue).join('');
  if (c.kind === 'merchant') return sha1Hex(shop + joined + rpcId + c.privateKey);
  return sha1Hex(shop + c.partnerKey + c.partnerName + c.module + joined + rpcId);
}

/** shop/get/<name>.xml. Partner [C vendor code]: shop + key + partner + module + rpc_id.
 * Merchant [INF]: shop + rpc_id + private key. */
export function shopInfoPk(shop: string, rpcId: string, c: Credentials): string {
  if (c.kind === 'merchant') return sha1Hex(shop + rpcId + c.privateKey);
  return sha1Hex(shop + c.partnerKey + c.partnerName + c.module + rpcId);
}
