import {
  createRateLimiter,
  createSimulatorMode,
  installDocumentControl,
  installSimulatorKit,
  type RateLimiter,
  type SimulatorKit,
  type SimulatorMode,
} from '@koppel/sim-kit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ASSUMPTIONS } from './domain/assumptions.js';
import { createStore, type Store } from './domain/store.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { type Credentials, registerSoapRoute } from './routes/soap-route.js';
import { buildFault, SoapFault } from './soap/envelope.js';

export type MplusSimulatorOptions = {
  /** ident/secret pairs accepted in the query string; default the one sandbox pair. */
  credentials?: Credentials[];
  /** API rate limit per ident; `false` switches it off. Default: ASSUMPTIONS.rateLimit. */
  rateLimit?: { requests: number; windowMs: number } | false;
  /** Optional JSON file the state is loaded from and saved to. */
  stateFile?: string;
  /**
   * Permissive mode at start (issue 8): a second order with an extOrderId already stored is
   * accepted instead of `...-EXT-ORDER-ID-ALREADY-EXISTS`; switchable with `PUT /_control/mode`.
   */
  permissive?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
  logger?: boolean;
};

export type MplusSimulator = {
  app: FastifyInstance;
  store: Store;
  /** The API's own rate limit (default 20 calls per second per ident). */
  rateLimiter: RateLimiter;
  /** Fault injection, controlled rate limit and inspection log; available once `app.ready()` ran. */
  readonly kit: SimulatorKit;
  /** Permissive mode (duplicate extOrderId accepted); also `PUT /_control/mode`. */
  mode: SimulatorMode;
  /** Back to a new tenant; clears faults, the controlled rate limit, the inspection log and the mode. */
  reset(): void;
};

/** The sandbox pair accepted when no credentials are configured (a fixture, not a secret). */
export const DEFAULT_CREDENTIALS: Credentials = Object.freeze({
  ident: 'koppel-sandbox',
  secret: 'sandbox-secret',
});

/**
 * Builds the MplusKASSA MplusQapi SOAP simulator (see README.md): SOAP at `POST /`,
 * control (`/_control/*`) and sim-kit (`/_sim/*`). Never listens. The SOAP route lives in its own
 * scope with the kit, so injected faults and the controlled rate limit never hit `/_control`.
 */
export function buildMplusSimulator(options: MplusSimulatorOptions = {}): MplusSimulator {
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    forceCloseConnections: true,
    // The secret travels in the query string (notes §3.1): keep it out of the request log.
    logger: options.logger
      ? {
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              url: req.url.replace(/([?&]secret=)[^&]*/, '$1***'),
            }),
          },
        }
      : false,
    bodyLimit: 10 * 1024 * 1024,
  });
  const store = createStore(options.stateFile);
  const apiLimit = options.rateLimit === false ? undefined : (options.rateLimit ?? ASSUMPTIONS.rateLimit);
  const rateLimiter = createRateLimiter(apiLimit);
  let kit: SimulatorKit | undefined;
  const mode = createSimulatorMode({ permissive: options.permissive ?? false });

  app.register(async (scope) => {
    kit = installSimulatorKit(scope, {
      renderFault: (status, reply) => {
        void reply.type('text/xml; charset=utf-8');
        return buildFault(
          status === 429
            ? new SoapFault('SOAP-ENV:Server', 'Too many requests; retry later', 429)
            : new SoapFault(
                status < 500 ? 'SOAP-ENV:Client' : 'SOAP-ENV:Server',
                `Simulated failure (HTTP ${status})`,
                status,
              ),
        );
      },
      rateLimitKey: (request) => {
        const query = request.query as Record<string, unknown> | undefined;
        return typeof query?.ident === 'string' ? query.ident : request.ip;
      },
    });
    scope.setErrorHandler((error: FastifyError | Error, _request, reply) => {
      const fault = error instanceof SoapFault ? error : toFault(error);
      if (fault.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(fault.retryAfterSeconds));
      return reply.code(fault.httpStatus).type('text/xml; charset=utf-8').send(buildFault(fault));
    });
    registerSoapRoute(scope, {
      store,
      now,
      permissive: mode.permissive,
      credentials: options.credentials ?? [DEFAULT_CREDENTIALS],
      limiter: rateLimiter,
    });
  });

  const reset = () => {
    store.reset();
    rateLimiter.setLimit(apiLimit);
    kit?.faults.reset();
    kit?.inspection.clear();
    kit?.controlledRateLimit.setLimit(undefined);
    mode.reset();
  };
  app.register(async (scope) => registerControlRoutes(scope, { store, now, reset, rateLimiter }));
  installDocumentControl(app, {
    mode,
    documents: () => [
      ...store.state().orders.map((o) => ({
        id: o.orderId,
        kind: 'order',
        number: `${o.orderNumber.year}-${o.orderNumber.number}`,
        externalOrderId: o.extOrderId ?? null,
        contentKey: null,
      })),
      ...(store.state().invoices ?? []).map((i) => ({
        id: i.invoiceId,
        kind: 'invoice',
        number: `${i.invoiceNumber.year}-${i.invoiceNumber.number}`,
        externalOrderId: i.extInvoiceId ?? null,
        contentKey: null,
      })),
    ],
  });

  return {
    app,
    store,
    rateLimiter,
    mode,
    get kit(): SimulatorKit {
      if (!kit)
        throw new Error('the simulator kit is installed when the app is ready: await app.ready() first');
      return kit;
    },
    reset,
  };
}

/** Fastify's own HTTP-level errors (body too large, bad content type) keep their status, as SOAP Faults. */
function toFault(error: FastifyError | Error): SoapFault {
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  return status < 500
    ? new SoapFault('SOAP-ENV:Client', error.message, status)
    : new SoapFault('SOAP-ENV:Server', 'Internal server error', 500);
}
