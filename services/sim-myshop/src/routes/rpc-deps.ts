import type { RpcIdRegistry } from '../domain/rpc-ids.js';
import type { ShopStore, StoreContext } from '../domain/shop-store.js';
import type { ResolvedOptions } from '../options.js';

/** What the RPC and control routes work on. */
export type RpcDeps = {
  options: ResolvedOptions;
  ctx: StoreContext;
  store: ShopStore;
  rpcIds: RpcIdRegistry;
  /** Moves the simulator clock forward (control API). */
  advanceClock(ms: number): void;
};
