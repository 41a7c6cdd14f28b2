import { createStateFile, installSimulatorKit, type SimulatorKit } from '@koppel/sim-kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { createRpcIdRegistry, type RpcIdRegistry } from './domain/rpc-ids.js';
import { createShopStore, type ShopStore, type StoreContext } from './domain/shop-store.js';
import { stateSchema } from './domain/state.js';
import { type MyshopSimulatorOptions, resolveOptions } from './options.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { registerProductListRoutes } from './routes/productlist-routes.js';
import type { RpcDeps } from './routes/rpc-deps.js';
import { renderFault, sendInvalidRequest } from './routes/rpc-response.js';
import { registerRpcRoutes } from './routes/rpc-routes.js';

export type MyshopSimulator = {
  app: FastifyInstance;
  /** Faults, controlled rate limit and inspection log (also under `/_sim`); available once the
   * app is ready. */
  kit: SimulatorKit;
  /** The live state with its clock and persistence. */
  ctx: StoreContext;
  store: ShopStore;
  rpcIds: RpcIdRegistry;
};

/** Builds the myShop RPC simulator; never listens. */
export function buildMyshopSimulator(input: MyshopSimulatorOptions = {}): MyshopSimulator {
  const options = resolveOptions(input);
  const stateFile = createStateFile<unknown>(options.statePath);
  const loaded = stateFile.load();
  let clockOffsetMs = 0;
  const ctx: StoreContext = {
    // A copy: options stay as given, so reset can return to them.
    state: stateSchema.parse(loaded ?? { partners: options.partners, shops: options.shops }),
    now: () => new Date(options.now().getTime() + clockOffsetMs),
    timeZone: options.timeZone,
    changed: () => stateFile.save(ctx.state),
  };
  const store = createShopStore(ctx);
  const rpcIds = createRpcIdRegistry({ singleUse: options.rpcIdSingleUse });
  const deps: RpcDeps = {
    options,
    ctx,
    store,
    rpcIds,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
  };

  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  app.register(async (control) => registerControlRoutes(control, deps), { prefix: '/_control' });
  // The kit and the RPC share one scope, so faults, the controlled rate limit and the
  // inspection log never touch the control API.
  let kit: SimulatorKit | undefined;
  app.register(async (rpc) => {
    kit = installSimulatorKit(rpc, { renderFault });
    rpc.setNotFoundHandler((_request, reply) => sendInvalidRequest(reply, 'INVALID_PARAMETER'));
    registerRpcRoutes(rpc, deps);
    registerProductListRoutes(rpc, deps);
  });
  return {
    app,
    get kit() {
      if (!kit)
        throw new Error('the simulator kit exists once the app is ready (await app.ready() or inject)');
      return kit;
    },
    ctx,
    store,
    rpcIds,
  };
}
