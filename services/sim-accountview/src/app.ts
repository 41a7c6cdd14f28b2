import {
  createRateLimiter,
  createSimulatorMode,
  type DocumentRef,
  installDocumentControl,
  installSimulatorKit,
  type RateLimiter,
  type SimulatorKit,
  type SimulatorMode,
} from '@koppel/sim-kit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { createTokenService, OAuthError, type TokenService } from './auth/token-service.js';
import { ASSUMPTIONS } from './domain/assumptions.js';
import type { OAuthClient } from './domain/model.js';
import { type CompanySeed, DEFAULT_CLIENT, DEFAULT_COMPANY } from './domain/seed.js';
import { createStore, type Store } from './domain/store.js';
import { AccountViewError, toErrorBody } from './errors.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { registerDataRoutes } from './routes/data-routes.js';
import { RateLimited } from './routes/request-context.js';
import { registerTokenRoutes } from './routes/token-routes.js';

export type AccountviewSimulatorOptions = {
  /** Companies (administrations) the simulator serves; default one demo company. */
  companies?: CompanySeed[];
  /** Registered OAuth apps (client id/secret + exact redirect URIs); default one sandbox client. */
  clients?: OAuthClient[];
  /**
   * API rate limit per access token; `false` (or `null`) switches it off.
   * Default: see ASSUMPTIONS.rateLimit.
   */
  rateLimit?: { requests: number; windowMs: number } | false | null;
  /** Access token lifetime in seconds. */
  accessTokenLifetimeSeconds?: number;
  /** Optional JSON file the state is loaded from and saved to. */
  stateFile?: string;
  /**
   * Permissive mode at start (issue 8): a journal page with an INV_NR already in its daybook is
   * accepted instead of refused; switchable with `PUT /_control/mode`. Default false.
   */
  permissive?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
  logger?: boolean;
};

export type AccountviewSimulator = {
  app: FastifyInstance;
  store: Store;
  tokens: TokenService;
  /** sim-kit faults/inspection; available after `await app.ready()`. */
  readonly kit: SimulatorKit;
  rateLimiter: RateLimiter;
  /** Permissive mode (duplicate INV_NR accepted); also `PUT /_control/mode`. */
  mode: SimulatorMode;
  /** Back to the build-time seed; clears tokens, faults, inspection log, limits and the mode. */
  reset(): void;
};

/** Builds the AccountView Web API simulator (see README.md). Never listens. */
export function buildAccountviewSimulator(options: AccountviewSimulatorOptions = {}): AccountviewSimulator {
  const clock = options.now ?? (() => new Date());
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { caseSensitive: false },
    // Closing the simulator drops keep-alive connections at once instead of waiting them out.
    forceCloseConnections: true,
  });
  const store = createStore(
    { companies: options.companies ?? [DEFAULT_COMPANY], clients: options.clients ?? [DEFAULT_CLIENT] },
    options.stateFile,
  );
  const tokens = createTokenService(
    store,
    clock,
    options.accessTokenLifetimeSeconds ?? ASSUMPTIONS.accessTokenLifetimeSeconds,
  );
  const apiLimit =
    options.rateLimit === false || options.rateLimit === null
      ? undefined
      : (options.rateLimit ?? ASSUMPTIONS.rateLimit);
  const rateLimiter = createRateLimiter(apiLimit);
  let kit: SimulatorKit | undefined;
  const mode = createSimulatorMode({ permissive: options.permissive ?? false });

  app.setErrorHandler((error: FastifyError | Error, _request, reply) => {
    if (error instanceof RateLimited) {
      return reply
        .code(429)
        .header('retry-after', String(error.retryAfterSeconds))
        .send(toErrorBody(error.message));
    }
    if (error instanceof AccountViewError)
      return reply.code(error.httpStatus).send(toErrorBody(error.message, error.errorNumbers));
    if (error instanceof OAuthError)
      return reply.code(error.httpStatus).send({ error: error.error, error_description: error.message });
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    return reply.code(status).send(toErrorBody(status < 500 ? error.message : 'Internal error'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(toErrorBody(`No resource ${request.method} ${request.url.split('?')[0]}`)),
  );

  // The simulated API lives in its own scope with the sim-kit hooks (faults, controlled limit,
  // inspection), so the simulator's `/_control` routes are never faulted or limited.
  app.register(async (api) => {
    kit = installSimulatorKit(api, {
      renderFault: (status) =>
        toErrorBody(status === 429 ? 'Too many requests; retry later' : `Simulated failure (HTTP ${status})`),
      rateLimitKey: (request) => request.headers.authorization ?? request.ip,
    });
    registerTokenRoutes(api, tokens);
    registerDataRoutes(api, { store, tokens, limiter: rateLimiter, clock, permissive: mode.permissive });
  });
  const reset = () => {
    store.reset();
    rateLimiter.setLimit(apiLimit);
    kit?.faults.reset();
    kit?.inspection.clear();
    kit?.controlledRateLimit.setLimit(undefined);
    mode.reset();
  };
  registerControlRoutes(app, { store, tokens, clock, limiter: rateLimiter, reset });
  installDocumentControl(app, { mode, documents: () => documentsOf(store) });
  return {
    app,
    store,
    tokens,
    rateLimiter,
    mode,
    reset,
    get kit(): SimulatorKit {
      if (!kit) throw new Error('sim-kit is installed on app.ready(); await it first');
      return kit;
    },
  };
}

/**
 * What the counting routes show: journal pages (DJ_PAGE, number INV_NR, unique per
 * daybook) and sales orders (SO_HDR, number ORD_NR, external order id COMMENT1 as AV-PHP writes it).
 */
function documentsOf(store: Store): DocumentRef[] {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return store.state().companies.flatMap((c) => [
    ...c.tables.DJ_PAGE.map((p) => ({
      id: `${c.Id}/${String(p.REC_ID)}`,
      kind: 'journal-page',
      number: text(p.INV_NR),
      externalOrderId: null,
      contentKey: null,
    })),
    ...c.tables.SO_HDR.map((o) => ({
      id: `${c.Id}/${String(o.REC_ID)}`,
      kind: 'sales-order',
      number: text(o.ORD_NR),
      externalOrderId: text(o.COMMENT1),
      contentKey: null,
    })),
  ]);
}
