import { assumptions } from '../domain/assumptions.js';
import { isShoprenterError, ShoprenterError, toErrorBody } from '../errors.js';
import type { ApiContext, ApiRequest, ApiResult, ApiRoute } from './api-types.js';

type Compiled = ApiRoute & { segments: string[] };

/** Matches `/orders/:id` style paths; returns the values of the `:` segments. */
function match(route: Compiled, parts: string[]): string[] | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: string[] = [];
  for (const [i, seg] of route.segments.entries()) {
    const part = parts[i] ?? '';
    if (seg.startsWith(':')) {
      if (part === '') return undefined;
      params.push(decodeURIComponent(part));
    } else if (seg !== part) return undefined;
  }
  return params;
}

export type ApiRouter = {
  dispatch(request: ApiRequest, ctx: Omit<ApiContext, 'dispatch'>): Promise<ApiResult>;
};

/** Routes a request to its resource handler and turns thrown ShoprenterErrors into error results. */
export function createApiRouter(routes: ApiRoute[]): ApiRouter {
  const compiled: Compiled[] = routes.map((r) => ({ ...r, segments: r.path.split('/').filter(Boolean) }));
  const router: ApiRouter = {
    async dispatch(request, baseCtx) {
      const ctx: ApiContext = { ...baseCtx, dispatch: (sub) => router.dispatch(sub, baseCtx) };
      const parts = request.path.split('/').filter(Boolean);
      try {
        const candidates = compiled.map((r) => ({ r, params: match(r, parts) })).filter((c) => c.params);
        if (candidates.length === 0) {
          throw new ShoprenterError('RESOURCE_NOT_FOUND', assumptions.notFoundMessage(request.path));
        }
        const hit = candidates.find((c) => c.r.method === request.method);
        if (!hit?.params)
          throw new ShoprenterError('METHOD_NOT_ALLOWED', `Method ${request.method} not allowed`);
        return await hit.r.handle(request, hit.params, ctx);
      } catch (error) {
        if (isShoprenterError(error)) return { status: error.httpStatus, body: toErrorBody(error) };
        throw error;
      }
    },
  };
  return router;
}
