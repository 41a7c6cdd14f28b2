import { z } from 'zod';
import { ShoprenterError } from '../errors.js';
import type { Json } from '../views/view-context.js';
import { type ApiMethod, type ApiRoute, ok } from './api-types.js';
import { assertAllowedParams } from './query-params.js';

const subRequestSchema = z.object({
  method: z.string(),
  uri: z.string().min(1),
  data: z.unknown().optional(),
});
const batchSchema = z.object({ data: z.object({ requests: z.array(subRequestSchema) }) });
const methods: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** Path and query of a sub-request URI, which the docs give as full URLs of the API host. */
function target(uri: string): { path: string; query: Record<string, string> } {
  const url = new URL(uri, 'http://batch.local');
  const path = url.pathname.replace(/^\/api(?=\/)/, '');
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
  return { path, query };
}

/**
 * `POST /batch` (sr-api-docs `04_batch.md`): sub-requests run one after another and the answer is
 * always HTTP 200; each result carries its own `statusCode` (a string, assumptions.batchStatusCodeAsString).
 * Missing `data` -> 400/40001. Counts as one request for the rate limit (assumptions).
 */
export const batchRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/batch',
    handle: async (req, _p, ctx) => {
      assertAllowedParams(req.query, []);
      const parsed = batchSchema.safeParse(req.body);
      if (!parsed.success)
        throw new ShoprenterError('DATA_PARAMETER_MISSING', 'Data parameter not found in POST/PUT!');
      const results: Json[] = [];
      for (const sub of parsed.data.data.requests) {
        const method = sub.method.toUpperCase();
        const { path, query } = target(sub.uri);
        const result =
          !methods.includes(method) || path === '/batch'
            ? { status: 405, body: { message: `Method ${method} not allowed for ${path}` } }
            : await ctx.dispatch({ method: method as ApiMethod, path, query, body: sub.data });
        results.push({
          method,
          uri: sub.uri,
          response: { header: { statusCode: String(result.status) }, body: result.body ?? null },
        });
      }
      return ok({ requests: { request: results } });
    },
  },
];
