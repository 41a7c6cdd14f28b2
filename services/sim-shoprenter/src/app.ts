import { createRateLimiter, createStateFile, installSimulatorKit, type SimulatorKit } from '@koppel/sim-kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApiRouter } from './api/api-router.js';
import { apiRoutes } from './api/routes.js';
import { type ControlHandles, createControlHandles } from './control/control-handles.js';
import { assumptions } from './domain/assumptions.js';
import { createClock, formatShopDateTime } from './domain/clock.js';
import type { SimulatorState } from './domain/state.js';
import { createStore } from './domain/store.js';
import { ShoprenterError, statusMessage, toErrorBody } from './errors.js';
import { rateLimitKeyOf } from './http/api-auth.js';
import { parseFormBody, parseMultipartBody } from './http/form-body.js';
import { responseFormat, sendApi, serialize } from './http/negotiate.js';
import { createTokenIssuer } from './http/token-issuer.js';
import { type ResolvedOptions, resolveOptions, type ShoprenterSimulatorOptions } from './options.js';
import { registerApiRoutes } from './routes/api-routes.js';
import { registerControlRoutes } from './routes/control-routes.js';
import { registerTokenRoutes } from './routes/token-routes.js';
import { createWebhookDispatcher } from './webhooks/webhook-dispatcher.js';

export type ShoprenterSimulator = ControlHandles & {
  app: FastifyInstance;
  /** sim-kit fault injection, inspection log and controlled rate limit (routes under `/_sim`). */
  kit: SimulatorKit;
  options: ResolvedOptions;
  /** A valid access token for a configured client, without the HTTP round trip (tests). */
  issueToken(clientId?: string): string;
};

/** Builds the Shoprenter simulator (never listens; `main.ts` does). */
export function buildShoprenterSimulator(input: ShoprenterSimulatorOptions = {}): ShoprenterSimulator {
  const options = resolveOptions(input);
  const clock = createClock(options.now);
  const store = createStore(options.firstOrderInnerId, createStateFile<SimulatorState>(options.stateFile));
  const app = Fastify({ logger: options.logger, forceCloseConnections: true });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseFormBody(String(body)));
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => {
    void parseMultipartBody(Buffer.from(body), request.headers['content-type'] ?? '').then((parsed) =>
      done(null, parsed),
    );
  });

  const kit = installSimulatorKit(app, {
    controlPrefix: '/_sim',
    renderFault: (status, reply) => {
      const { contentType, payload } = serialize(responseFormat(reply.request), {
        message: statusMessage(status),
      });
      reply.type(contentType);
      return payload;
    },
    // Control calls get a key of their own so a lowered limit only throttles the simulated API.
    rateLimitKey: (request) =>
      request.url.startsWith('/_control') ? `control:${request.id}` : rateLimitKeyOf(request),
  });

  const issuer = createTokenIssuer({
    shopName: options.shopName,
    ttlSeconds: options.tokenTtlSeconds,
    clock,
  });
  const dispatcher = createWebhookDispatcher({
    store,
    clock,
    storeName: options.shopName,
    timeoutMs: options.webhookTimeoutMs,
    fetch: options.fetch ?? fetch,
  });
  const handles = createControlHandles({ store, dispatcher, clock, timeZone: options.timeZone });

  app.setErrorHandler((error, request, reply) => {
    const status =
      typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
    const message = error instanceof Error ? error.message : statusMessage(status);
    if (status >= 500) request.log.error({ err: error }, 'simulator error');
    return sendApi(request, reply, status >= 400 && status < 600 ? status : 500, { message });
  });

  // Methods no route takes (OPTIONS, ...): the API's 404 shape and format, not the framework's.
  app.setNotFoundHandler((request, reply) =>
    sendApi(
      request,
      reply,
      404,
      toErrorBody(
        new ShoprenterError(
          'RESOURCE_NOT_FOUND',
          assumptions.notFoundMessage(
            new URL(request.url, 'http://sim.local').pathname.replace(/^\/api(?=\/)/, ''),
          ),
        ),
      ),
    ),
  );

  registerTokenRoutes(app, { options, issuer });
  registerControlRoutes(app, handles);
  registerApiRoutes(app, {
    options,
    issuer,
    router: createApiRouter(apiRoutes),
    limiter: createRateLimiter(options.rateLimit === false ? undefined : options.rateLimit),
    context: {
      store,
      now: () => formatShopDateTime(clock.now(), options.timeZone),
      emitOrderEvent: (order, event) => void dispatcher.emit(order, event),
    },
  });

  return {
    app,
    kit,
    options,
    ...handles,
    issueToken(clientId) {
      const client = options.clients.find((c) => clientId === undefined || c.clientId === clientId);
      if (!client) throw new Error(`unknown client ${clientId}`);
      return issuer.issue(client.clientId, client.scopes).accessToken;
    },
  };
}
