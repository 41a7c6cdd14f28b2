import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiter } from '@koppel/sim-kit';
import type { ApiContext, ApiMethod } from '../api/api-types.js';
import type { ApiRouter } from '../api/api-router.js';
import { statusMessage } from '../errors.js';
import { type AuthMode, authenticate } from '../http/api-auth.js';
import { sendApi } from '../http/negotiate.js';
import type { TokenIssuer } from '../http/token-issuer.js';
import type { ResolvedOptions } from '../options.js';

export type ApiRouteDeps = {
  options: ResolvedOptions;
  issuer: TokenIssuer;
  router: ApiRouter;
  limiter: RateLimiter;
  context: Omit<ApiContext, 'dispatch' | 'view'>;
};

/** Query values as single strings (a repeated parameter keeps its first value). */
function flatQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/** Product endpoints always answer the full body, whatever `emptyBody` says (09_emptybody_parameter.md). */
const ignoresEmptyBody = (path: string) => /^\/(products|productExtend)(\/|$)/.test(path);

function handler(mode: AuthMode, deps: ApiRouteDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = authenticate(request, mode, deps);
    if (!auth.ok) {
      if (auth.challenge) reply.header('www-authenticate', auth.challenge);
      return sendApi(request, reply, auth.status, { message: auth.message });
    }
    // Documented: 3 requests / application / shop / second, 429 beyond; no Retry-After documented.
    if (deps.limiter.take(auth.principal.appKey) > 0) {
      return sendApi(request, reply, 429, { message: statusMessage(429) });
    }
    const url = new URL(request.url, 'http://sim.local');
    const prefix = mode === 'bearer' ? '/api' : '';
    const path = url.pathname.slice(prefix.length) || '/';
    const { emptyBody, ...query } = flatQuery(request.query);
    const origin = deps.options.publicBaseUrl?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`;
    const result = await deps.router.dispatch(
      { method: request.method as ApiMethod, path, query, body: request.body },
      { ...deps.context, view: { baseUrl: `${origin}${prefix}` } },
    );
    const wantsEmpty = emptyBody === '1' && (request.method === 'POST' || request.method === 'PUT');
    const emptied = wantsEmpty && result.status < 300 && !ignoresEmptyBody(path);
    return sendApi(request, reply, result.status, emptied ? [] : result.body);
  };
}

/** Bearer on `/api/*` (api2 host), Basic on `/*` (classic host); README.md. */
export function registerApiRoutes(app: FastifyInstance, deps: ApiRouteDeps): void {
  // PATCH is routed too, so it gets the API's own 405 (the API has no PATCH) instead of a 404
  // in the web framework's shape.
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  app.route({ method: methods, url: '/api/*', handler: handler('bearer', deps) });
  app.route({ method: methods, url: '/*', handler: handler('basic', deps) });
}
