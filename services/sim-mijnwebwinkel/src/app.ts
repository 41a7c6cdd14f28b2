import { createRateLimiter, createStateFile, installSimulatorKit, type SimulatorKit } from '@koppel/sim-kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { type ArticleStore, createArticleStore } from './domain/article-store.js';
import { createCustomerStore, type CustomerStore } from './domain/customer-store.js';
import { createInitialState } from './domain/initial-state.js';
import { createOrderStore, type OrderStore } from './domain/order-store.js';
import { type SimulatorState, stateSchema } from './domain/state.js';
import { createStateHolder, type StateHolder } from './domain/state-holder.js';
import { renderFault, sendApiError } from './errors.js';
import { type MijnwebwinkelSimulatorOptions, resolveOptions } from './options.js';
import type { ApiDeps } from './routes/api-deps.js';
import { registerApi } from './routes/api-plugin.js';
import { storeTokenOf } from './routes/auth-hook.js';
import { registerControlRoutes } from './routes/control-routes.js';

export type MijnwebwinkelSimulator = {
  app: FastifyInstance;
  /** Faults, controlled rate limit and inspection log (also under `/_sim`); available once the
   * app is ready. */
  kit: SimulatorKit;
  /** The live state, its clock and persistence. */
  holder: StateHolder;
  orders: OrderStore;
  articles: ArticleStore;
  customers: CustomerStore;
};

/** Builds the MyOnlineStore Connect API simulator; never listens. */
export function buildMijnwebwinkelSimulator(
  input: MijnwebwinkelSimulatorOptions = {},
): MijnwebwinkelSimulator {
  const options = resolveOptions(input);
  const stateFile = createStateFile<unknown>(options.statePath);
  const loaded = stateFile.load();
  const initial: SimulatorState =
    loaded === undefined
      ? createInitialState({ tokens: options.tokens, firstOrderNumber: options.firstOrderNumber })
      : stateSchema.parse(loaded);
  const holder = createStateHolder({
    initial,
    now: options.now,
    timeZone: options.timeZone,
    onChange: (state) => stateFile.save(state),
  });
  const articles = createArticleStore(holder);
  const orders = createOrderStore(holder, articles);
  const customers = createCustomerStore(holder);
  const deps: ApiDeps = {
    options,
    holder,
    orders,
    articles,
    customers,
    rateLimiter: createRateLimiter(options.rateLimit ?? undefined),
  };

  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  app.register(async (control) => registerControlRoutes(control, deps), { prefix: '/_control' });
  // The kit and the simulated API share one scope, so injected faults, the controlled rate
  // limit and the inspection log never touch the control API.
  let kit: SimulatorKit | undefined;
  app.register(async (api) => {
    kit = installSimulatorKit(api, {
      renderFault,
      rateLimitKey: (request) => storeTokenOf(request) ?? request.ip,
    });
    // Paths outside every version (e.g. `/v3/orders`) answer the API's Error body too.
    api.setNotFoundHandler((_request, reply) => sendApiError(reply, 404, 'Resource not found'));
    registerApi(api, deps);
  });
  return {
    app,
    get kit() {
      if (!kit)
        throw new Error('the simulator kit exists once the app is ready (await app.ready() or inject)');
      return kit;
    },
    holder,
    orders,
    articles,
    customers,
  };
}
