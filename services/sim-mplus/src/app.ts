import { createRateLimiter, installSimulatorKit, type RateLimiter, type SimulatorKit } from '@koppel/sim-kit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ASSUMPTIONS } from './domain/assumptions.js';
import { createStore, type Store } from './domain/store.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { type Credentials, registerSoapRoute } from './routes/soap-route.js';
import { buildFault, SoapFault } from './soap/envelope.js';

export type MplusSimulatorOptions = {
  /** ident/secret pairs accepted in the query string; default one sandbox pair. */
  credentials?: Credentials[];
  /** API rate limit per ident; `null` switches it off. Default: see ASSUMPTIONS.rateLimit. */
  rateLimit?: { requests: number; windowMs: number } | null;
  /** Optional JSON file the state is loaded from and saved to. */
  stateFile?: string;
  /** Clock, for tests. */
  now?: () => Date;
  logger?: boolean;
};

export type MplusSimulator = {
  app: FastifyInstance;
  store: Store;
  kit: SimulatorKit;
  rateLimiter: RateLimiter;
};

export const DEFAULT_CREDENTIALS: Credentials = { ident: 'koppel-sandbox', secret: 'sandbox-secret' };

/** Builds the MplusKASSA MplusQapi SOAP simulator (shared/connectors/targets.md §3). Never listens. */
export function buildMplusSimulator(options: MplusSimulatorOptions = {}): MplusSimulator {
  const now = options.now ?? (() => new Date());
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  const store = createStore(options.stateFile);
  const rateLimiter = createRateLimiter(
    options.rateLimit === null ? undefined : (options.rateLimit ?? ASSUMPTIONS.rateLimit),
  );
  const kit = installSimulatorKit(app, {
    renderFault: (status, reply) => {
      void reply.type('text/xml; charset=utf-8');
      const code = status < 500 && status !== 429 ? 'SOAP-ENV:Client' : 'SOAP-ENV:Server';
      return buildFault(
        new SoapFault(
          code,
          status === 429 ? 'Too many requests; retry later' : `Simulated failure (HTTP ${status})`,
        ),
      );
    },
    rateLimitKey: (request) => {
      const query = request.query as Record<string, unknown> | undefined;
      return typeof query?.ident === 'string' ? query.ident : request.ip;
    },
  });

  app.setErrorHandler((error: FastifyError | Error, _request, reply) => {
    const fault =
      error instanceof SoapFault
        ? error
        : new SoapFault(
            'SOAP-ENV:Client',
            error.message,
            'statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500
              ? error.statusCode
              : 500,
          );
    if (fault.retryAfterSeconds !== undefined)
      void reply.header('retry-after', String(fault.retryAfterSeconds));
    return reply.code(fault.httpStatus).type('text/xml; charset=utf-8').send(buildFault(fault));
  });

  registerSoapRoute(app, {
    store,
    now,
    credentials: options.credentials ?? [DEFAULT_CREDENTIALS],
    limiter: rateLimiter,
  });
  registerControlRoutes(app, { store, now });
  return { app, store, kit, rateLimiter };
}
