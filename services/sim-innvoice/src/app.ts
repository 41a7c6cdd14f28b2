import { createHash } from 'node:crypto';
import {
  createRateLimiter,
  createSimulatorMode,
  createStateFile,
  type DocumentRef,
  installDocumentControl,
  installSimulatorKit,
  type RateLimiter,
  type SimulatorKit,
  type SimulatorMode,
} from '@koppel/sim-kit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { controlRoutes, type SimulatorControl } from './control/control-routes.js';
import { productControlRoutes } from './control/product-control-routes.js';
import type { InnvoiceState, InvoiceDocument } from './domain/model.js';
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
  /** Permissive mode; no behaviour change on InnVoice (it never refuses a duplicate). */
  mode: SimulatorMode;
  /** Back to the seed given at build time; clears faults, the inspection log and the mode. */
  reset(): void;
};

/** Company account, API user and password of the default seed. */
export const DEFAULT_CREDENTIALS = DEFAULT_COMPANY;

/**
 * Builds the InnVoice XML API simulator (see README.md): API under `/{company}/`,
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
  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  let kit: SimulatorKit | undefined;
  const mode = createSimulatorMode({ permissive: options.permissive });

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
    mode.reset();
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
  app.register(productControlRoutes, { prefix: '/_control', control });
  installDocumentControl(app, {
    mode,
    documents: () => state.companies.flatMap((c) => c.documents.map((d) => toDocumentRef(c.name, d))),
  });

  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 500) stateFile.save(state);
  });

  return {
    app,
    state: getState,
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

/**
 * InnVoice has no external-reference field (notes §4.3), so documents are counted by `number`
 * (Sorszam, server-assigned) or by `contentKey`: a digest of what was posted (kind, buyer, dates,
 * currency, lines), equal for two posts of the same order.
 */
function toDocumentRef(company: string, d: InvoiceDocument): DocumentRef {
  const content = [
    d.kind,
    d.draft,
    d.padId,
    d.buyer,
    d.issueDate,
    d.fulfilmentDate,
    d.dueDate,
    d.currency,
    d.lines,
  ];
  return {
    id: `${company}/${d.techId}`,
    kind: d.kind,
    number: d.number,
    externalOrderId: null,
    contentKey: createHash('sha256')
      .update(JSON.stringify([company, content]))
      .digest('hex')
      .slice(0, 16),
  };
}
