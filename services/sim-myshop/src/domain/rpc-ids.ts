import { randomInt } from 'node:crypto';
import { RPC_ID_DIGITS, RPC_ID_VALIDITY_MS, type RejectionReason } from './assumptions.js';

/** Issued rpc ids: one shop each, valid for 2 minutes from issue (kept in memory only). */
export type RpcIdRegistry = {
  issue(shop: string, nowMs: number): string;
  /** Checks an rpc id for a shop; consumes it when single use is on. */
  check(shop: string, rpcId: string, nowMs: number): RejectionReason | undefined;
  clear(): void;
};

export function createRpcIdRegistry(options: { singleUse: boolean }): RpcIdRegistry {
  const issued = new Map<string, { shop: string; issuedAt: number; used: boolean }>();
  const low = 10 ** (RPC_ID_DIGITS - 1);
  return {
    issue(shop, nowMs) {
      for (const [id, entry] of issued) if (nowMs - entry.issuedAt > RPC_ID_VALIDITY_MS) issued.delete(id);
      let id = String(randomInt(low, low * 10));
      while (issued.has(id)) id = String(randomInt(low, low * 10));
      issued.set(id, { shop, issuedAt: nowMs, used: false });
      return id;
    },
    check(shop, rpcId, nowMs) {
      const entry = issued.get(rpcId);
      if (!entry || entry.shop !== shop) return 'UNKNOWN_RPC_ID';
      if (nowMs - entry.issuedAt > RPC_ID_VALIDITY_MS) return 'RPC_ID_EXPIRED';
      if (options.singleUse && entry.used) return 'RPC_ID_USED';
      entry.used = true;
      return undefined;
    },
    clear: () => issued.clear(),
  };
}
