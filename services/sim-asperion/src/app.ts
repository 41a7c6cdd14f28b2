import {
  createRateLimiter,
  createSimulatorMode,
  createStateFile,
  installDocumentControl,
  installSimulatorKit,
  type RateLimiter,
  type SimulatorKit,
  type SimulatorMode,
} from '@koppel/sim-kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { apiPlugin } from './api/api-plugin.js';
import type { ListSettings } from './api/envelope.js';
import { problem } from './api/problem.js';
import { articleControlRoutes } from './control/article-control-routes.js';
import { controlRoutes } from './control/control-routes.js';
import type { SimulatorControl } from './control/simulator-control.js';
import { DEFAULT_SEED } from './domain/seed-data.js';
import { AsperionSeedSchema } from './domain/seed-schema.js';
import { type AsperionState, stateFromSeed } from './domain/state.js';
import { identityRoutes } from './identity/identity-routes.js';
import { createTokenService, type TokenService } from './identity/token-service.js';
import { type AsperionSimulatorOptions, resolveOptions } from './options.js';

export type AsperionSimulator = {
  app: FastifyInstance;
  /** Live state (administrations, users, clients, tokens); mutate only in tests. */
  state(): AsperionState;
  tokens: TokenService;
  /** The API's own rate limit (default 300/min per client+user). */
  apiRateLimiter: RateLimiter;
  /** Fault injection, controlled rate limit and inspection log; available once `app.ready()` ran. */
  readonly kit: SimulatorKit;
  /** Permissive mode (duplicate invoice numbers accepted); also `PUT /_control/mode`. */
  mode: SimulatorMode;
  /** Back to the seed given at build time; clears tokens, faults, the inspection log and the mode. */
  reset(): void;
};

/**
 * Builds the Asperion simulator: identity server (`/connect/*`), REST API (`/v1/*`), control
 * (`/_control/*`) and sim-kit (`/_sim/*`). Never listens. The API and identity routes live in
 * their own scope, so injected faults and the controlled rate limit never hit `/_control`.
 */
export function buildAsperionSimulator(input: AsperionSimulatorOptions = {}): AsperionSimulator {
  const options = resolveOptions(input);
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? AsperionSeedSchema.parse(DEFAULT_SEED);
  const stateFile = createStateFile<AsperionState>(options.stateFile);
  let state: AsperionState = stateFile.load() ?? stateFromSeed(seed, now());
  const getState = () => state;
  const tokens = createTokenService(
    getState,
    {
      accessTokenSeconds: options.accessTokenLifetimeSeconds,
      refreshTokenSeconds: options.refreshTokenLifetimeSeconds,
      authorizationCodeSeconds: options.authorizationCodeLifetimeSeconds,
    },
    now,
  );
  const apiRateLimiter = createRateLimiter(options.rateLimit === false ? undefined : options.rateLimit);
  const listSettings: ListSettings = {
    defaultPageSize: options.defaultPageSize,
    maxPageSize: options.maxPageSize,
    publicBaseUrl: options.publicBaseUrl,
  };
  const mode = createSimulatorMode({ permissive: options.permissive });
  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  let kit: SimulatorKit | undefined;

  app.register(async (scope) => {
    kit = installSimulatorKit(scope, {
      renderFault: (status, reply) => {
        reply.type('application/json; charset=utf-8');
        return problem(status, status === 429 ? 'Too many requests (simulated).' : 'Simulated failure.');
      },
      rateLimitKey: (request) => request.headers.authorization ?? request.ip,
    });
    await scope.register(identityRoutes, {
      prefix: options.identityPrefix,
      tokens,
      getState,
      autoApprove: options.autoApprove,
      basePath: options.identityPrefix,
    });
    await scope.register(apiPlugin, {
      prefix: '/v1',
      tokens,
      getState,
      rateLimiter: apiRateLimiter,
      defaultLanguage: options.defaultLanguage,
      settings: listSettings,
      now,
      permissive: mode.permissive,
    });
  });

  const reset = () => {
    state = stateFromSeed(seed, now());
    apiRateLimiter.setLimit(options.rateLimit === false ? undefined : options.rateLimit);
    kit?.faults.reset();
    kit?.inspection.clear();
    kit?.controlledRateLimit.setLimit(undefined);
    mode.reset();
  };
  const control: SimulatorControl = {
    getState,
    replaceState: (next) => {
      state = next;
    },
    reset,
    now,
    tokens,
    apiRateLimiter,
    listSettings,
  };
  app.register(controlRoutes, { prefix: '/_control', control });
  app.register(articleControlRoutes, { prefix: '/_control', control });
  installDocumentControl(app, {
    mode,
    documents: () =>
      state.administrations.flatMap((a) =>
        a.salesInvoices.map((i) => ({
          id: `${a.administration.id}/${i.id}`,
          kind: 'salesinvoice',
          number: i.invoiceNumber,
          externalOrderId: null,
          contentKey: null,
        })),
      ),
  });

  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 500) stateFile.save(state);
  });

  return {
    app,
    state: getState,
    tokens,
    apiRateLimiter,
    mode,
    get kit(): SimulatorKit {
      if (!kit)
        throw new Error('the simulator kit is installed when the app is ready: await app.ready() first');
      return kit;
    },
    reset,
  };
}
