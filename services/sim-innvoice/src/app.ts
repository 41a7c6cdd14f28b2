import {
  createRateLimiter,
  createStateFile,
  installSimulatorKit,
  type RateLimiter,
  type SimulatorKit,
} from '@koppel/sim-kit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { controlRoutes, type SimulatorControl } from './control/control-routes.js';
import type { InnvoiceState } from './domain/model.js';
import { DEFAULT_COMPANY, DEFAULT_SEED } from './domain/seed-data.js';
import { InnvoiceSeedSchema } from './domain/seed-schema.js';
import { stateFromSeed } from './domain/state.js';
import { parseState } from './domain/state-schema.js';
import { type InnvoiceSimulatorOptions, resolveOptions } from './options.js';
import { apiPlugin } from './routes/api-plugin.js';
import { printRoutes } from './routes/print-routes.js';
import { codeForStatus, errorXml, sendError } from './routes/xml-reply.js';

export type InnvoiceSimulator = {
  app: FastifyInstance;
  /** Live state (companies, documents, partners, products); mutate only in tests. */
  state(): InnvoiceState;
  /** The API's own rate limit (default 120/min per company account). */
  apiRateLimiter: RateLimiter;
  /** Fault injection, controlled rate limit and inspection log; available once `app.ready()` ran. */
  readonly kit: SimulatorKit;
  /** Back to the seed given at build time; clears faults and the inspection log. */
  reset(): void;
};

/** Company account, API user and password of the default seed. */
export const DEFAULT_CREDENTIALS = DEFAULT_COMPANY;

/**
 * Builds the InnVoice XML API simulator (shared/connectors/targets.md §4): API under `/{company}/`,
 * `PrintUrl` PDFs, control (`/_control/*`) and sim-kit (`/_sim/*`). Never listens. API and print
 * routes share one scope with the kit, so injected faults never hit `/_control`.
 */
export function buildInnvoiceSimulator(input: InnvoiceSimulatorOptions = {}): InnvoiceSimulator {
  const options = resolveOptions(input);
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? InnvoiceSeedSchema.parse(DEFAULT_SEED);
  const stateFile = createStateFile<unknown>(options.stateFile);
  const saved = stateFile.load();
  let state: InnvoiceState =
    saved === undefined ? stateFromSeed(seed) : parseState(saved, options.stateFile ?? 'state file');
  const getState = () => state;
  const apiRateLimiter = createRateLimiter(options.rateLimit === false ? undefined : options.rateLimit);
  const app = Fastify({ logger: options.logger });
  let kit: SimulatorKit | undefined;

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unexpected error');
    const message = status === 500 ? 'Belső hiba' : error.message;
    return reply
      .code(status)
      .type('text/xml; charset=utf-8')
      .send(errorXml(codeForStatus(status), message));
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'notFound', `Ismeretlen végpont: ${request.method} ${request.url.split('?')[0]}`),
  );

  app.register(async (scope) => {
    kit = installSimulatorKit(scope, {
      renderFault: (status, reply) => {
        void reply.type('text/xml; charset=utf-8');
        const message = status === 429 ? 'Túl sok kérés (szimulált)' : `Szimulált hiba (HTTP ${status})`;
        return errorXml(codeForStatus(status), message);
      },
      rateLimitKey: (request) => request.url.split('/')[1] ?? request.ip,
    });
    await scope.register(printRoutes, { getState });
    await scope.register(apiPlugin, {
      prefix: '/:company',
      getState,
      rateLimiter: apiRateLimiter,
      now,
      publicBaseUrl: options.publicBaseUrl,
    });
  });

  const reset = () => {
    state = stateFromSeed(seed);
    apiRateLimiter.setLimit(options.rateLimit === false ? undefined : options.rateLimit);
    kit?.faults.reset();
    kit?.inspection.clear();
    kit?.controlledRateLimit.setLimit(undefined);
  };
  const control: SimulatorControl = {
    getState,
    replaceState: (next) => {
      state = next;
    },
    reset,
    apiRateLimiter,
  };
  app.register(controlRoutes, { prefix: '/_control', control });

  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 500) stateFile.save(state);
  });

  return {
    app,
    state: getState,
    apiRateLimiter,
    get kit(): SimulatorKit {
      if (!kit)
        throw new Error('the simulator kit is installed when the app is ready: await app.ready() first');
      return kit;
    },
    reset,
  };
}
